package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// SQuAD is a benchmark in SQuAD v1.1 format (XQuAD, XQuAD-R).
type SQuAD struct {
	Data []struct {
		Title      string `json:"title"`
		Paragraphs []struct {
			Context   string   `json:"context"`
			Sentences []string `json:"sentences"` // XQuAD-R only: gold sentences
			QAs       []struct {
				ID       string `json:"id"`
				Question string `json:"question"`
				Answers  []struct {
					Text  string `json:"text"`
					Start int    `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// ReadSQuAD reads a SQuAD-format file.
func ReadSQuAD(path string) (*SQuAD, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s SQuAD
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	return &s, nil
}

// squadItem is one question with its gold paragraph.
type squadItem struct {
	question string
	article  string // ID of the gold paragraph's article
	answers  []string
}

// Articles turns every paragraph into an article (title = the data's
// article title), so the engine indexes the benchmark like news.
func (s *SQuAD) Articles() []corpus.Article {
	var out []corpus.Article
	day := corpus.Date{Time: time.Date(2019, 11, 21, 0, 0, 0, 0, time.UTC)}
	for _, d := range s.Data {
		for pi, p := range d.Paragraphs {
			out = append(out, corpus.Article{
				ID:         squadID(d.Title, pi),
				Title:      strings.ReplaceAll(d.Title, "_", " "),
				Source:     "XQuAD",
				Published:  day,
				Lang:       "vi",
				Paragraphs: []string{corpus.NormalizeText(p.Context)},
			})
		}
	}
	return out
}

func squadID(title string, para int) string { return fmt.Sprintf("%s#%d", title, para) }

// items lists the questions, taken from questionsFrom (a parallel file
// in another language, matched by id) when it is not nil.
func (s *SQuAD) items(questionsFrom *SQuAD) []squadItem {
	other := map[string]string{}
	if questionsFrom != nil {
		for _, d := range questionsFrom.Data {
			for _, p := range d.Paragraphs {
				for _, qa := range p.QAs {
					other[qa.ID] = qa.Question
				}
			}
		}
	}
	var out []squadItem
	for _, d := range s.Data {
		for pi, p := range d.Paragraphs {
			for _, qa := range p.QAs {
				q := qa.Question
				if questionsFrom != nil {
					if q = other[qa.ID]; q == "" {
						continue
					}
				}
				it := squadItem{question: q, article: squadID(d.Title, pi)}
				for _, a := range qa.Answers {
					it.answers = append(it.answers, a.Text)
				}
				out = append(out, it)
			}
		}
	}
	return out
}

// meanSentenceChars is the mean sentence length of the data, in
// characters: from the gold sentences when the file has them.
func (s *SQuAD) meanSentenceChars() float64 {
	var total, n int
	for _, d := range s.Data {
		for _, p := range d.Paragraphs {
			sents := p.Sentences
			if len(sents) == 0 {
				for _, st := range corpus.SplitSentences(p.Context) {
					sents = append(sents, st.Text)
				}
			}
			for _, st := range sents {
				total += len([]rune(strings.TrimSpace(st)))
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(total) / float64(n)
}

// SQuADScores are the figures of a SQuAD run. Fractions are in [0,1].
type SQuADScores struct {
	N                    int     `json:"n"`
	ParagraphRecallAt1   float64 `json:"paragraph_recall_at_1"`
	ParagraphRecallAt5   float64 `json:"paragraph_recall_at_5"`
	ParagraphMRRAt10     float64 `json:"paragraph_mrr_at_10"`
	SentenceAnsweredAt1  float64 `json:"sentence_answered_at_1"`
	MeanQuoteChars       float64 `json:"mean_quote_chars"`
	MeanSentenceChars    float64 `json:"mean_sentence_chars"`
	WouldRefuse          float64 `json:"would_refuse,omitempty"` // share the engine would refuse in production
	MillisPerQuestionP50 float64 `json:"ms_per_question_p50"`
}

// SQuADReport is the engine's figures and, if asked, the baseline's.
type SQuADReport struct {
	SQuADScores
	Baseline *SQuADScores `json:"baseline,omitempty"`
}

// SQuADOptions shape a benchmark run.
type SQuADOptions struct {
	QuestionsFrom   *SQuAD // parallel questions in another language
	StripDiacritics bool   // remove Vietnamese marks from the questions
	Baseline        bool   // also run plain bleve on the same data
	// ModelFor, when set, gives the model that answers the questions of
	// each gold article (out-of-fold measurement); Engine.Model otherwise.
	ModelFor func(articleID string) *retrieval.Model
	// Engine configures the engine under test (model, names,
	// glossaries, paraphrases); its IndexDir is ignored.
	Engine retrieval.Options
	// Translate, if set, rewrites each question before it is asked.
	Translate func(string) string
}

// EvaluateSQuAD indexes the benchmark's paragraphs and asks every question.
// Paragraph recall and MRR look at the articles of the ranked quotes;
// the ranking is measured without the refusal threshold, and the share
// of questions the engine would refuse is reported beside it.
func EvaluateSQuAD(ctx context.Context, lg *slog.Logger, s *SQuAD, opt SQuADOptions) (SQuADReport, error) {
	items := s.items(opt.QuestionsFrom)
	for i := range items {
		if opt.StripDiacritics {
			items[i].question = retrieval.Fold(items[i].question)
		}
		if opt.Translate != nil {
			items[i].question = opt.Translate(items[i].question)
		}
	}
	articles := s.Articles()
	engines := map[*retrieval.Model]*retrieval.Engine{}
	defer func() {
		for _, e := range engines {
			e.Close()
		}
	}()
	engineFor := func(article string) (*retrieval.Engine, error) {
		eopt := opt.Engine
		eopt.IndexDir = ""
		if opt.ModelFor != nil {
			eopt.Model = opt.ModelFor(article)
		}
		if e := engines[eopt.Model]; e != nil {
			return e, nil
		}
		e, err := retrieval.Open(ctx, lg, articles, eopt)
		if err != nil {
			return nil, err
		}
		engines[eopt.Model] = e
		return e, nil
	}

	var rep SQuADReport
	var sc scoreAcc
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return SQuADReport{}, err
		}
		e, err := engineFor(it.article)
		if err != nil {
			return SQuADReport{}, err
		}
		start := time.Now()
		ans, err := e.Answer(ctx, it.question, retrieval.AskOptions{Limit: 10, KeepAll: true})
		sc.latency(time.Since(start))
		if err != nil {
			sc.add(it, nil, nil, true)
			continue
		}
		var ranked, quotes []string
		for _, q := range ans.Quotes {
			quotes = append(quotes, q.Text)
			ranked = append(ranked, q.Article.ID)
			for _, also := range q.AlsoIn {
				ranked = append(ranked, also.ID)
			}
		}
		sc.add(it, ranked, quotes, !ans.Answered)
	}
	rep.SQuADScores = sc.scores(s.meanSentenceChars())
	if opt.Baseline {
		b, err := baselineSQuAD(ctx, articles, items)
		if err != nil {
			return SQuADReport{}, fmt.Errorf("baseline: %w", err)
		}
		b.MeanSentenceChars = rep.MeanSentenceChars
		rep.Baseline = &b
	}
	return rep, nil
}

// scoreAcc accumulates SQuAD figures.
type scoreAcc struct {
	n, r1, r5, s1, refused, quotes int
	mrr, quoteChars                float64
	times                          []time.Duration
}

func (a *scoreAcc) latency(d time.Duration) { a.times = append(a.times, d) }

func (a *scoreAcc) add(it squadItem, rankedArticles, quotes []string, refused bool) {
	a.n++
	if refused {
		a.refused++
	}
	seen := map[string]bool{}
	rank := 0
	for _, id := range rankedArticles {
		if seen[id] {
			continue
		}
		seen[id] = true
		rank++
		if id == it.article {
			if rank == 1 {
				a.r1++
			}
			if rank <= 5 {
				a.r5++
			}
			if rank <= 10 {
				a.mrr += 1 / float64(rank)
			}
			break
		}
	}
	if len(quotes) > 0 {
		a.quotes++
		a.quoteChars += float64(len([]rune(quotes[0])))
		if firstMatch(quotes[:1], it.answers) == 0 {
			a.s1++
		}
	}
}

func (a *scoreAcc) scores(meanSentence float64) SQuADScores {
	f := func(x int) float64 {
		if a.n == 0 {
			return 0
		}
		return float64(x) / float64(a.n)
	}
	s := SQuADScores{
		N: a.n, ParagraphRecallAt1: f(a.r1), ParagraphRecallAt5: f(a.r5), SentenceAnsweredAt1: f(a.s1),
		WouldRefuse: f(a.refused), MeanSentenceChars: round3(meanSentence),
	}
	if a.n > 0 {
		s.ParagraphMRRAt10 = a.mrr / float64(a.n)
	}
	if a.quotes > 0 {
		s.MeanQuoteChars = round3(a.quoteChars / float64(a.quotes))
	}
	s.MillisPerQuestionP50 = PercentileMillis(a.times, 0.50)
	return s
}
