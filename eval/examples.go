package eval

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// Example is one question ranked by the engine, with what is known of
// its answer: the training data of the model.
type Example struct {
	Set        string // "reporters", "dev", "xquad-vi", "xquad-vi-nodiac", "xquad-en", "xquad-ru"
	Group      string // what folds are made of: the question's ID, or its XQuAD article
	ID         string
	Shape      retrieval.QuestionShape
	X          [][]float64 // candidates' features, best first by coverage
	Articles   []string    // candidates' article IDs
	Pos        []bool      // the candidate holds an answer
	Answerable bool
	Gold       string // XQuAD: the gold paragraph
	InGold     []bool // XQuAD: the candidate is a sentence of the gold paragraph
	// Assoc, Missing and Syllables are what the association feature is
	// computed from (the question's concepts; each candidate's missing
	// concepts and syllables): each fitted model recomputes it with its
	// own associations (see features). Nil Syllables: X as collected.
	Assoc     retrieval.AssocQuestion
	Missing   [][]int
	Syllables [][]string
	texts     []string
}

// maxCandidates bounds the candidates kept per question for fitting:
// the rest, ranked lower by coverage alone, are never the answer.
const maxCandidates = 300

// QuestionSet is a named question set asked of the product's articles.
type QuestionSet struct {
	Name      string
	Questions []Question
}

// SQuADSet is a named variant of a SQuAD benchmark: its questions in
// another language, or with marks removed.
type SQuADSet struct {
	Name            string
	Data            *SQuAD
	QuestionsFrom   *SQuAD
	StripDiacritics bool
}

// Collect ranks every question of the sets with the engine's features.
// Features do not depend on the model, so any valid model serves.
func Collect(ctx context.Context, lg *slog.Logger, articles []corpus.Article, sets []QuestionSet, squads []SQuADSet, opt retrieval.Options) ([]Example, error) {
	var out []Example
	if len(sets) > 0 {
		e, err := retrieval.Open(ctx, lg, articles, opt)
		if err != nil {
			return nil, err
		}
		defer e.Close()
		for _, s := range sets {
			for _, q := range s.Questions {
				ex, err := rankQuestion(ctx, e, q.Question, func(text string) bool { return firstMatch([]string{text}, q.AnswerSubstrings) == 0 })
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", s.Name, q.ID, err)
				}
				ex.Set, ex.Group, ex.ID, ex.Answerable = s.Name, s.Name+"/"+q.ID, q.ID, q.Answerable()
				out = append(out, ex)
			}
		}
	}
	for _, s := range squads {
		e, err := retrieval.Open(ctx, lg, s.Data.ArticlesByTitle(), opt)
		if err != nil {
			return nil, err
		}
		for i, it := range s.Data.items(s.QuestionsFrom) {
			q := it.question
			if s.StripDiacritics {
				q = retrieval.Fold(q)
			}
			ex, err := rankQuestion(ctx, e, q, func(text string) bool { return firstMatch([]string{text}, it.answers) == 0 })
			if err != nil {
				e.Close()
				return nil, fmt.Errorf("%s question %d: %w", s.Name, i, err)
			}
			ex.Set, ex.Group, ex.ID, ex.Answerable, ex.Gold = s.Name, "xquad/"+squadTitle(it.article), it.article+"/"+fmt.Sprint(i), true, it.context
			for _, text := range ex.texts {
				ex.InGold = append(ex.InGold, strings.Contains(it.context, text))
			}
			out = append(out, ex)
		}
		e.Close()
	}
	return out, nil
}

func squadTitle(articleID string) string {
	title, _, _ := strings.Cut(articleID, "#")
	return title
}

func rankQuestion(ctx context.Context, e *retrieval.Engine, question string, answers func(string) bool) (Example, error) {
	r, err := e.Rank(ctx, question)
	if err != nil && err != retrieval.ErrEmptyQuestion {
		return Example{}, err
	}
	ex := Example{Shape: r.Shape, Assoc: r.Assoc}
	cands := r.Candidates
	cover := 0 // FeatureNames()[0] is the sentence's coverage
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].Features[cover] > cands[j].Features[cover] })
	for i, c := range cands {
		if i == maxCandidates {
			break
		}
		ex.X = append(ex.X, c.Features)
		ex.Articles = append(ex.Articles, c.ArticleID)
		ex.Pos = append(ex.Pos, answers(c.Text))
		ex.Missing = append(ex.Missing, c.Missing)
		ex.Syllables = append(ex.Syllables, c.Syllables)
		ex.texts = append(ex.texts, c.Text)
	}
	return ex, nil
}
