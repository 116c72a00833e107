package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hasType reports whether a sentence (its text and tokens) holds a new
// piece of the kind asked for: a date for "khi nào", a number for "bao
// nhiêu", a name for "ai", a capitalised place after "tại/ở/đến" for "ở
// đâu". New means not already in the question (asked is the question's
// folded syllables): a sentence that repeats the question's own year or
// name restates it rather than answering it.
func hasType(t QuestionType, text string, toks []Token, offset int, asked map[string]bool) bool {
	for i, tok := range toks {
		if !asked[tok.Fold] && isType(t, text, toks, i, offset) {
			return true
		}
	}
	return false
}

// isType reports whether toks[i] is a piece of the kind t asks for.
// text is the sentence, whose first byte is at offset in the passage.
func isType(t QuestionType, text string, toks []Token, i, offset int) bool {
	upper := func(tok Token) bool {
		r, _ := utf8.DecodeRuneInString(text[tok.Start-offset:])
		return unicode.IsUpper(r)
	}
	tok := toks[i]
	digits := isDigits(tok.Text)
	prev := ""
	if i > 0 {
		prev = toks[i-1].Fold
	}
	switch t {
	case TypeDate:
		end := tok.End - offset
		return isYear(tok.Text) || digits && (end < len(text) && text[end] == '/' || dateWord(prev))
	case TypeNumber:
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Fold
		}
		return strings.ContainsAny(tok.Text, "0123456789") || numberWord(tok.Text) && !notACount(tok.Text, next)
	case TypePlace:
		return i > 0 && placeWord(toks[i-1].Text) && upper(tok)
	case TypePerson:
		return i > 1 && upper(toks[i-1]) && upper(tok)
	}
	return false
}

// isYear reports a year as news writes it: four digits from 1800 to 2099.
func isYear(s string) bool {
	return len(s) == 4 && isDigits(s) && (s[:2] == "18" || s[:2] == "19" || s[:2] == "20")
}

// slotGap is how far from the question word's neighbours the piece asked
// for may stand: "lần thứ 5", "Ngày 05/4", "11 văn kiện hợp tác".
const slotGap = 3

// fillsSlot reports whether the sentence holds, next to the neighbours of
// one of the question's words, a new piece of the kind asked for.
func fillsSlot(q question, text string, toks []Token, offset int) bool {
	fresh := func(i int) bool {
		return i >= 0 && i < len(toks) && !q.folds[toks[i].Fold] && isType(q.typ, text, toks, i, offset)
	}
	for _, sl := range q.slots {
		for i := range toks {
			if n := len(sl.before); n > 0 && i+1 >= n && foldsAt(toks[i+1-n:], sl.before) {
				for k := i + 1; k <= i+slotGap; k++ {
					if fresh(k) {
						return true
					}
				}
			}
			if n := len(sl.after); n > 0 && i+n <= len(toks) && foldsAt(toks[i:], sl.after) {
				for k := i - 1; k >= i-slotGap; k-- {
					if fresh(k) {
						return true
					}
				}
			}
		}
	}
	return false
}

// numberWord reports a Vietnamese number word ("năm", five, is left out:
// it is far more often "year").
func numberWord(text string) bool {
	switch text {
	case "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ":
		return true
	}
	return false
}

// notACount reports a number word that counts nothing: "hai nước", "hai
// bên" (the two countries, both sides: the pair every bilateral article
// is about) and "một trong", "một số", "một cách" (one of, some, in a
// way). next is the folded word after it.
func notACount(word, next string) bool {
	switch word {
	case "hai":
		switch next {
		case "nuoc", "ben", "phia", "dang", "dan", "quoc", "nha", "chinh", "nguyen", "lanh":
			return true
		}
	case "một":
		switch next {
		case "trong", "so", "cach", "loat", "phan":
			return true
		}
	}
	return false
}

// dateWord reports a folded word that introduces a date in Vietnamese
// news: "ngày 14", "tháng 6", "chiều 2/4".
func dateWord(fold string) bool {
	switch fold {
	case "ngay", "thang", "nam", "chieu", "sang", "toi", "trua", "dem":
		return true
	}
	return false
}

// placeWord reports a word that introduces a place: "tại Kazan".
func placeWord(text string) bool {
	switch text {
	case "tại", "ở", "đến", "tới", "sang", "thăm":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
