package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"github.com/vnru/vnru/corpus"
)

// Errors for questions the engine will not search.
var (
	ErrEmptyQuestion   = errors.New("the question is empty")
	ErrQuestionTooLong = errors.New("the question is too long")
)

// MaxQuestionRunes bounds a question. A real question fits in a few
// lines; a longer text is a pasted article, not something to look up.
const MaxQuestionRunes = 500

// Options configure an Engine.
type Options struct {
	// IndexDir keeps a persistent index there; empty builds one in memory.
	IndexDir string
	// NameVariants are groups of spellings of one name ("Putin",
	// "Pu-tin", "V. Putin"): a question naming one finds the others.
	NameVariants [][]string
	// Glossaries translate English ("en") and Russian ("ru") questions:
	// each entry is a term (a trailing * matches any ending) followed by
	// its Vietnamese renderings.
	Glossaries map[string][][]string
	// Paraphrases are groups of Vietnamese words and phrases that news
	// uses for one another ("tiếp", "hội kiến", "gặp"): a sentence saying
	// one of them partly covers a question saying another.
	Paraphrases [][]string
	// Abbreviations are Vietnamese abbreviations ("TBT", "QH"), each
	// followed by what it stands for: a Vietnamese question's
	// abbreviations are read spelled out.
	Abbreviations [][]string
	// Model is the fitted ranking and answerability model
	// (configs/model.json, written by `vnru train`). Required.
	Model *Model
	// AnswerThreshold, when set, replaces the model's probability from
	// which the best quote is given as an answer.
	AnswerThreshold float64
	// Candidates is how many passages the index returns for re-ranking;
	// 0 means 40.
	Candidates int
	// Progress, if set, is told how many passages are indexed so far.
	Progress func(done, total int)
	// Rebuild builds a persistent index from scratch even when it could
	// be updated.
	Rebuild bool
}

// Engine answers questions from a set of articles. It is safe for
// concurrent use.
type Engine struct {
	lg          *slog.Logger
	lx          *lexicon
	st          stats
	articles    []corpus.Article
	passages    []passage
	model       *Model
	answerAt    float64 // answerability from which a quote is an answer
	maxPassages int     // candidate passages asked of the index
	forms       *formCache
	sounds      *soundIndex
	opt         Options

	parsedPassages *parsedCache // shared by the views of one Open

	// The view: its articles (shared with other views where unchanged),
	// where each article's passages start in passages, each article's
	// segment, and the segments searched.
	keys   []string       // each article's key in the index (its ID)
	hashes []articleHash  // each article's content hash
	stamps []corpus.Stamp // each article's file stamp (zero: not read from a folder file)
	first  []int
	byKey  map[string]int
	segOf  []int
	spans  []textSpan // each article's line in its segment's texts file
	segs   []*segment
	dead   []int             // per segment: passages of articles no longer there
	bm25   *search.BM25Stats // the corpus' BM25 counts, with several segments
	report IndexReport
	man    manifestID // the manifest of the index the view opened
	// catalogFor is the manifest the index folder's catalog was last
	// written with by this view or those before it.
	catalogFor manifestID

	beforeSwitch func() error // tests: runs before an update switches CURRENT
	beforeOpen   func()       // tests: runs before a view opens its segments
	segmentSize  int          // tests: passages a segment is cut at (0: segmentPassages)
	keepPassages int          // tests: passages kept from a source's first read (0: keptPassages, <0: none)
}

// Open indexes the articles (or opens the persistent index, adding and
// removing only the articles that changed since it was written) and
// returns an engine ready to answer.
func Open(ctx context.Context, lg *slog.Logger, articles []corpus.Article, opt Options) (*Engine, error) {
	return OpenFrom(ctx, lg, ArticlesOf(articles), opt)
}

// OpenFrom is Open with the articles of a source, read one at a time:
// with a persistent index, the engine never holds the text of more than
// a few of them at once (see ArticleSource).
func OpenFrom(ctx context.Context, lg *slog.Logger, src ArticleSource, opt Options) (*Engine, error) {
	if opt.Model == nil {
		return nil, errors.New("open engine: no ranking model: pass Options.Model (configs/model.json, written by `vnru train`)")
	}
	if err := opt.Model.Validate(); err != nil {
		return nil, err
	}
	e := &Engine{
		lg:             lg,
		lx:             newLexicon(opt.NameVariants, opt.Glossaries, opt.Paraphrases),
		model:          opt.Model,
		answerAt:       opt.Model.AnswerThreshold,
		maxPassages:    opt.Candidates,
		forms:          newFormCache(),
		parsedPassages: newParsedCache(parsedCapacity),
		opt:            opt,
	}
	e.lx.abbrevs = newAbbreviations(opt.Abbreviations)
	if opt.AnswerThreshold > 0 {
		e.answerAt = opt.AnswerThreshold
	}
	if e.maxPassages == 0 {
		e.maxPassages = 40
	}
	return e.view(ctx, src, nil)
}

// Articles returns the articles the engine answers from. With a
// persistent index (Options.IndexDir) they hold their details but not
// their paragraphs, which the engine reads from the index when a
// question needs them.
func (e *Engine) Articles() []corpus.Article { return e.articles }

// Sources returns the articles the engine answers from, newest first.
func (e *Engine) Sources() []Source {
	out := make([]Source, 0, len(e.articles))
	for _, a := range e.articles {
		out = append(out, sourceOf(a))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.Time.After(out[j].Published.Time) })
	return out
}

// Passages returns how many passages are indexed.
func (e *Engine) Passages() int { return len(e.passages) }

// Source identifies the article a quote comes from.
type Source struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Source    string      `json:"source"`
	URL       string      `json:"url"`
	Published corpus.Date `json:"published"`
}

// Span is a byte range of a quote's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Quote is one sentence, verbatim from an article.
type Quote struct {
	Text    string   `json:"text"`
	Article Source   `json:"article"`
	AlsoIn  []Source `json:"also_in,omitempty"` // other articles that say the same
	Score   float64  `json:"score"`
	// Probability is the model's probability that this quote answers
	// the question.
	Probability float64 `json:"probability"`
	Matches     []Span  `json:"matches"` // where the question's words are, for bolding
	Explain     string  `json:"explain,omitempty"`
}

// Answer is the engine's reply to a question, one of three outcomes:
// an answer (Answered, with Quotes); no direct answer but the closest
// passages, which may not answer it (Related); or nothing, when nothing
// in the articles is related.
type Answer struct {
	Question string       `json:"question"`
	Lang     string       `json:"lang"` // the question's language: vi, en, ru; quotes are always Vietnamese
	Answered bool         `json:"answered"`
	Type     QuestionType `json:"question_type,omitempty"`
	Quotes   []Quote      `json:"quotes"`
	Related  []Quote      `json:"related,omitempty"`
	Explain  string       `json:"explain,omitempty"`
}

// AskOptions shape one answer.
type AskOptions struct {
	Limit   int  // most quotes to return; 0 means 3
	Explain bool // fill Answer.Explain
	// KeepAll returns the ranked quotes whatever the outcome and however
	// far below the best they score (Answered still says whether the
	// engine would answer). For measuring ranking; never for users.
	KeepAll bool
}

var htmlTag = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)

// CleanQuestion normalises user text: NFC, no control or zero-width
// characters, no HTML tags, single spaces. It returns ErrEmptyQuestion
// when no word is left and ErrQuestionTooLong past MaxQuestionRunes.
func CleanQuestion(q string) (string, error) {
	q = corpus.NormalizeText(q)
	q = htmlTag.ReplaceAllString(q, " ")
	q = strings.Join(strings.Fields(q), " ")
	if strings.IndexFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return "", ErrEmptyQuestion
	}
	if utf8.RuneCountInString(q) > MaxQuestionRunes {
		return "", ErrQuestionTooLong
	}
	return q, nil
}

// Answer finds the sentences that answer the question. When the best
// sentence's probability of answering reaches the threshold, the Answer
// is Answered with Quotes; below it but above the model's related
// threshold, it holds Related quotes instead; below both, nothing. The
// question text is never parsed as query syntax.
func (e *Engine) Answer(ctx context.Context, question string, opt AskOptions) (Answer, error) {
	text, err := CleanQuestion(question)
	if err != nil {
		return Answer{Question: question}, err
	}
	if opt.Limit <= 0 {
		opt.Limit = 3
	}
	q := e.lx.analyze(text, e)
	ans := Answer{Question: text, Lang: q.lang, Type: q.typ, Quotes: []Quote{}}
	if opt.Explain {
		ans.Explain = q.explain()
	}
	cands, err := e.candidates(ctx, q)
	if err != nil || len(cands) == 0 {
		return ans, err
	}
	prob := e.answerability(q, cands)
	p := prob(0)
	quotes := e.selectQuotes(q, cands, opt.Limit, prob, opt.KeepAll)
	if !opt.Explain {
		for i := range quotes {
			quotes[i].Explain = ""
		}
	}
	switch ans.Answered = p >= e.answerAt; {
	case ans.Answered || opt.KeepAll:
		ans.Quotes = quotes
	case p >= e.model.RelatedThreshold && cands[0].x[fCoverWindow] >= relatedCover:
		ans.Related = quotes
	}
	if opt.Explain {
		ans.Explain += fmt.Sprintf(" answerability=%.3f (answer from %.3f, related from %.3f)", p, e.answerAt, e.model.RelatedThreshold)
	}
	return ans, nil
}

// relatedCover is how much of the question's weighted content the
// closest sentence and its neighbours must hold to be shown as related:
// half. Less is a passage that shares a word or two with the question
// ("giá vàng hôm nay" and a sentence saying "hôm nay"), not one about it.
const relatedCover = 0.5

// candidates are the question's candidate sentences, best first; none
// when the question has nothing to look up.
func (e *Engine) candidates(ctx context.Context, q question) ([]candidate, error) {
	if len(q.concepts) == 0 || q.weight == 0 {
		return nil, nil
	}
	hits, err := e.search(ctx, q)
	if err != nil {
		return nil, err
	}
	return e.rank(q, hits), nil
}

// answerability returns the model's probability that candidate i
// answers q, were it the best.
func (e *Engine) answerability(q question, cands []candidate) func(i int) float64 {
	xs := make([][]float64, len(cands))
	scores := make([]float64, len(cands))
	for k := range cands {
		xs[k] = cands[k].x[:]
		scores[k] = cands[k].score
	}
	shape := q.shape()
	return func(i int) float64 { return e.model.Probability(AnswerVector(shape, xs, scores, i)) }
}

// has says whether any passage contains the folded syllable.
func (e *Engine) has(fold string) bool { return e.st.DocFreq[fold] > 0 }

// soundAlikes finds the articles' spellings of a foreign name.
func (e *Engine) soundAlikes(fold string, russian bool) []string {
	return e.sounds.lookup(fold, russian)
}

// idf is the BM25 inverse document frequency of a folded syllable.
func (e *Engine) idf(fold string) float64 {
	n := float64(e.st.Passages)
	df := float64(e.st.DocFreq[fold])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}
