package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnru/vnru/retrieval"
)

// The fitting commands on a small data folder of the same shape as
// ../shared/eval (testdata/train): they run, choose settings, write a
// model the engine accepts, and report out-of-fold figures. Quality is
// measured on the real data (README, "Measuring"), not here.
const trainData = "testdata/train"

func TestTrainWritesAModel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "model.json")
	dev := filepath.Join(trainData, "reporters", "questions.jsonl")
	stdout, errOut, code := runVnru(t, nil, "train", "--data", trainData, "--dev", dev, "--blind", dev, "--out", out, "--cv", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "chosen: ") || !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("stdout = %q, want the settings chosen and the file written", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := retrieval.ParseModel(data)
	if err != nil {
		t.Fatalf("the written model does not load: %v", err)
	}
	if !strings.HasPrefix(m.Trained, "vnru train on ") {
		t.Errorf("model.Trained = %q, want how it was fitted", m.Trained)
	}
}

func TestTrainBadData(t *testing.T) {
	blind := filepath.Join(trainData, "reporters", "questions.jsonl")
	_, errOut, code := runVnru(t, nil, "train", "--data", t.TempDir(), "--blind", blind, "--out", filepath.Join(t.TempDir(), "m.json"))
	if code != 1 || !strings.Contains(errOut, "--data") {
		t.Errorf("exit %d, stderr %q; want 1 saying to give the benchmark folder with --data", code, errOut)
	}
	_, errOut, code = runVnru(t, nil, "train", "--data", trainData, "--blind", filepath.Join(t.TempDir(), "*.jsonl"))
	if code != 1 || !strings.Contains(errOut, "--blind") {
		t.Errorf("exit %d, stderr %q; want 1 saying to give the blind sets with --blind", code, errOut)
	}
}

func TestEvalCrossValidated(t *testing.T) {
	qs := filepath.Join(trainData, "reporters", "questions.jsonl")
	out, errOut, code := runVnru(t, nil, "eval", "--cv", "2", "--questions", qs, "--data", trainData, "--dev", qs, "--blind", qs, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		N                int     `json:"n"`
		RefusedCorrectly float64 `json:"refused_correctly"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.N != 6 {
		t.Errorf("n = %d, want the 6 questions", rep.N)
	}
	if _, errOut, code := runVnru(t, nil, "eval", "--cv", "1", "--questions", qs); code != 2 {
		t.Errorf("--cv 1: exit %d (%s), want a usage error", code, errOut)
	}
}
