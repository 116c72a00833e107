package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// Question is one line of a question set (JSON Lines). The format is
// fixed: other question files in it are run against the engine.
type Question struct {
	ID               string   `json:"id"`
	Lang             string   `json:"lang"` // vi, vi-nodiac, en, ru
	Question         string   `json:"question"`
	Seed             *string  `json:"seed"` // informational only
	AnswerSubstrings []string `json:"answer_substrings"`
	Kind             string   `json:"kind"`
}

// Answerable reports whether the question has an answer in the articles.
func (q Question) Answerable() bool { return len(q.AnswerSubstrings) > 0 }

// ReadQuestionsFile reads a question set from a file; see ReadQuestions.
func ReadQuestionsFile(path string) ([]Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return qs, nil
}

// ReadQuestions reads a question set, one JSON object per line; blank
// lines are skipped. Errors name the line.
func ReadQuestions(r io.Reader) ([]Question, error) {
	var qs []Question
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q Question
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if q.Question == "" {
			return nil, fmt.Errorf("line %d: no question", line)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}
