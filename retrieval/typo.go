package retrieval

// Phone-typed questions carry typos ("thu tuog", "mishutin"). A word
// that no article holds and that cannot be a Vietnamese syllable is
// taken for a typo of the commonest article word one edit away, as
// spelling correctors do (Norvig's): a word that is a possible syllable
// ("vàng") is only one the articles lack, and stays as typed.

// minTypoLetters is the shortest word corrected: shorter ones have too
// many neighbours to guess from.
const minTypoLetters = 4

// typoFix returns the commonest article syllable one edit (a letter
// deleted, inserted, replaced, or two swapped) from the folded word, or
// "" when the word is known, could be a syllable, or has no such
// neighbour.
func typoFix(fold string, v vocabulary) string {
	if len(fold) < minTypoLetters || v.has(fold) || syllableShape.MatchString(fold) || !isLowerASCII(fold) {
		return ""
	}
	best, bestIDF := "", 0.0
	try := func(w string) {
		if w == fold || !v.has(w) {
			return
		}
		if idf := v.idf(w); best == "" || idf < bestIDF || idf == bestIDF && w < best {
			best, bestIDF = w, idf
		}
	}
	const letters = "abcdefghijklmnopqrstuvwxyz"
	for i := 0; i <= len(fold); i++ {
		head, tail := fold[:i], fold[i:]
		if tail != "" {
			try(head + tail[1:])
			if len(tail) > 1 {
				try(head + tail[1:2] + tail[:1] + tail[2:])
			}
		}
		for _, c := range letters {
			try(head + string(c) + tail)
			if tail != "" {
				try(head + string(c) + tail[1:])
			}
		}
	}
	return best
}

// isLowerASCII reports whether s holds only the letters a–z.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
