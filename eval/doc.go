// Package eval measures the answer engine and fits its model: how often
// it quotes the right sentence, refuses what the articles do not answer,
// and how fast it is beside plain bleve; and the weights and thresholds
// of retrieval.Model, fitted to questions whose answers are known. vnru
// eval, bench and train are its only users; the bot never imports it,
// and retrieval knows nothing of it.
//
// A tour:
//
//	questions.go       the question-set format (JSON Lines): Question,
//	                   ReadQuestionsFile
//	evaluate.go        Evaluate: answered@1, @3, correct and false
//	                   refusals, overall, by language and by kind; the
//	                   failures with what was quoted
//	squad.go           SQuAD v1.1 files (XQuAD): every paragraph becomes an
//	                   article; EvaluateSQuAD ranks without the refusal
//	                   threshold (retrieval.AskOptions.KeepAll) and scores
//	                   paragraph recall, MRR and sentence answered@1
//	squad_baseline.go  plain bleve on the same data (default mapping, one
//	                   match query), the figure the engine must beat
//	match_baseline.go  MatchBaseline: a bare match query on the engine's
//	                   own persistent index, opened read-only beside it,
//	                   the latency vnru bench compares answers with
//	measure.go         percentiles and peak memory for the reports
//	examples.go        Collect: every question of the training sets ranked
//	                   by the engine, its candidates' features labelled
//	fit.go             the two fits: a listwise softmax ranker and a
//	                   logistic regression, by gradient descent
//	boost.go           gradient-boosted trees over the linear ranking,
//	                   fitted to the same listwise loss
//	associations.go    the learned word associations: IBM Model 1 fitted
//	                   by EM to questions and their answering sentences
//	train.go           Fit: ranker, stacked answerability, thresholds
//	                   chosen on unseen questions of the blind set;
//	                   Params and the settings vnru train chooses among
//	crossval.go        folds, CrossValidate, the feature groups of the
//	                   ablation, PairedGain
//
// eval uses retrieval only through its exported API (Open, Answer, Rank,
// Fold, the Model),
// as the bot does. It is the one package besides retrieval that imports
// bleve, for the two baselines: the SQuAD baseline builds its own indexes,
// and MatchBaseline reads the engine's index folder, whose layout (the
// CURRENT file, the "text" field) it shares with retrieval/index.go and
// checks in its tests. External data (XQuAD in ../shared/eval) is read,
// never copied into the repository.
package eval
