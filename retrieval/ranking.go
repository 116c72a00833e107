package retrieval

import "context"

// Ranking is what the engine makes of a question before it decides: the
// question's shape and its candidate sentences with their features. It
// is what `vnru train` fits the model to; the engine itself answers
// through Answer.
type Ranking struct {
	Shape      QuestionShape `json:"shape"`
	Candidates []Ranked      `json:"candidates"`
	// Assoc is the question as the association feature reads it:
	// training recomputes that feature with the associations it fits.
	Assoc AssocQuestion `json:"-"`
}

// Ranked is one candidate sentence of a Ranking.
type Ranked struct {
	Text      string    `json:"text"`       // the sentence, verbatim
	ArticleID string    `json:"article_id"` // the article it is from
	Features  []float64 `json:"features"`   // in FeatureNames order
	Score     float64   `json:"score"`      // by the engine's current model
	// Missing (the indices of the concepts the sentence lacks) and
	// Syllables (its distinct folded syllables) are what the association
	// feature is computed from.
	Missing   []int    `json:"-"`
	Syllables []string `json:"-"`
}

// Rank analyses the question and returns every candidate sentence with
// its features, best first by the current model.
func (e *Engine) Rank(ctx context.Context, question string) (Ranking, error) {
	text, err := CleanQuestion(question)
	if err != nil {
		return Ranking{}, err
	}
	q := e.lx.analyze(text, e)
	cands, err := e.candidates(ctx, q)
	if err != nil {
		return Ranking{}, err
	}
	r := Ranking{Shape: q.shape(), Candidates: make([]Ranked, len(cands)), Assoc: q.assocQuestion()}
	for i, c := range cands {
		r.Candidates[i] = Ranked{Text: c.sent.Text, ArticleID: e.articles[e.passages[c.passage].article].ID,
			Features: append([]float64(nil), c.x[:]...), Score: c.score,
			Missing: missingConcepts(c.own), Syllables: sentenceSyllables(c.toks)}
	}
	return r, nil
}
