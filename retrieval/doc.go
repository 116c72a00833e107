// Package retrieval is vnru's answer engine: Vietnamese text analysis,
// the bleve index, sentence features, the fitted ranking, and the three
// outcomes (an answer, the closest passages, nothing). Measuring it (question
// sets, SQuAD-format benchmarks, baselines, latency) is package eval's
// job, through the same exported API the bot uses.
//
// A tour, in the order a question travels:
//
//	analyzer.go       Tokenize: lower-case syllables with byte offsets; Fold
//	                  removes marks (đ → d) so unmarked questions match
//	analysis_bleve.go the same tokenizer registered with bleve (exact,
//	                  folded and bigram analyzers)
//	lexicon.go        question words (answer types), stop words, name
//	                  variants, English and Russian glossaries, and their
//	                  lookups
//	abbreviations.go  Vietnamese abbreviations (TBT, ĐSQ) spelled out, or
//	                  read either way when they have two readings (TT)
//	query.go          a question becomes weighted concepts and bigrams, in
//	                  phases: question phrases, glossary terms, names,
//	                  paraphrases, plain words, bigrams, focus
//	marks.go          renderings keep their marks: "Đảng" is not "đang",
//	                  whatever the tone mark's placement
//	typo.go           a word no article holds that cannot be a syllable
//	                  read as a typo of an article word one edit away
//	soundalike.go     foreign names matched to the articles' spellings by
//	                  consonant outline (Варшава → Warsaw); Cyrillic
//	                  transliteration
//	passages.go       passages (paragraphs, or windows of ≤ 5 sentences)
//	                  and their stable document IDs (article/para/window)
//	mapping.go        the bleve mapping
//	stats.go          document frequencies, added and taken out per article
//	segments.go       immutable segments: a bleve index, texts, article table
//	manifest.go       the manifest CURRENT names: live segments, removed
//	                  articles, statistics; switched atomically
//	update.go         bringing a persistent index to a set of articles:
//	                  reuse, update (new segment, merges) or rebuild
//	builddir.go       locked build folders, atomic writes, file modes
//	view.go           an engine view of articles, sharing what an update
//	                  left unchanged with the view before
//	source.go         articles read one at a time (OpenFrom, UpdateFrom):
//	                  the texts the index lacks, kept or read again
//	catalog.go        what each article file held at its stamp, so an
//	                  open reads only the files new or changed
//	search.go         candidate passages: all of a small corpus, else from
//	                  bleve (term queries only: user text never meets a
//	                  query parser)
//	parsed.go         each passage's tokens and sentences, kept in a
//	                  bounded cache (clock eviction)
//	match.go          where a question's concepts occur in a token run
//	answertype.go     does a sentence hold what was asked (a date, a number…),
//	                  and is it where the question word stood (the slot)
//	features.go       what describes a (question, sentence) pair
//	associations.go   learned word associations: a concept the sentence
//	                  words another way ("diễn đàn" for "sân chơi")
//	model.go          the fitted model: the ranking's weights, and the
//	                  probability that the best sentence answers
//	trees.go          the boosted regression trees added to the ranking
//	score.go          every sentence of the candidates scored by the model
//	                  (with each concept's rarity in its article)
//	quotes.go         the best sentences become quotes; near-duplicates
//	                  merged into "also reported by"
//	neighbour.go      a quote widened to a sentence it refers back to
//	ranking.go        Rank: the candidates and their features, for fitting
//	engine.go         Engine: Open, Answer, Sources
//	live.go           Live: swap engine views while serving (reload)
//	language.go       telling Vietnamese, English and Russian questions apart
//
// Quotes are verbatim: a Quote's Text is a substring of its article's
// NFC text, and its Matches are byte spans inside it. The package knows
// nothing of Telegram, and takes its configuration (name variants,
// glossaries, paraphrases, the fitted model) as Options rather than
// reading configs.
package retrieval
