package corpus

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// endMarkers are headings after which a news page holds no more of the
// article: related and most-read lists, comments, multimedia strips.
// Compared in lower case, without a final colon.
var endMarkers = map[string]bool{
	"tin bài liên quan": true, "tin liên quan": true, "bài liên quan": true,
	"bài viết liên quan": true, "đọc nhiều": true, "đọc thêm": true,
	"xem thêm": true, "multimedia": true, "các tin khác": true,
	"các tin bài khác": true, "tin khác": true, "có thể bạn quan tâm": true,
	"phản hồi": true, "bình luận": true, "ý kiến bạn đọc": true,
	"tin cùng chuyên mục": true, "nguồn": true, "tin mới": true,
	"tin mới nhất": true, "từ khóa": true, "tags": true,
}

var (
	imageMarkup = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	// A caption ends with a photo credit: "(Ảnh: TTXVN)", "(Ảnh minh họa)".
	photoCaption = regexp.MustCompile(`(?i)\((ảnh|nguồn ảnh|photo)\b[^)]*\)\s*\|?$`)
	// Lines that are page furniture wherever they appear.
	junkLine = regexp.MustCompile(`(?i)^(trang chủ( .*)?|theo dõi .* trên|đăng ký|chia sẻ|xem trên|in bài|lưu|nghe|fullscreen|rewind \d+ seconds|error loading media:?|file could not be played|theo [^\s]+|\[(video|ảnh|infographics?)\] .*|©.*)$`)
	bareURL  = regexp.MustCompile(`^https?://\S+$`)
)

// Clean recovers the article from text scraped off a news page: it drops
// menus, date and share lines, image markup, photo captions, related and
// most-read lists and everything after them, pull quotes that repeat the
// body, and trailing bylines. title, when known, marks where the article
// starts; otherwise the first headline-like line is taken as the title.
// Each line of the page is a paragraph candidate.
//
// The result is an article on its way in (see Ingester): Title is the
// headline (the one given, or the first headline-like line), Published a
// date line found in the page ("14:15 | 12/01/2025"), URL an address line
// found in the page; ID and Source are left empty.
func Clean(raw, title string) Article {
	c := Article{Lang: "vi"}
	title = collapseSpace(NormalizeText(title))
	lines := strings.Split(NormalizeText(raw), "\n")
	for i, l := range lines {
		lines[i] = collapseSpace(imageMarkup.ReplaceAllString(l, ""))
	}

	// Metadata lines, and the start of the article.
	start, guessed := -1, false
	for i, l := range lines {
		if d, ok := parseDateLine(l); ok {
			if c.Published.IsZero() {
				c.Published = d
			}
			lines[i] = ""
			continue
		}
		if bareURL.MatchString(l) {
			if c.URL == "" {
				c.URL = l
			}
			lines[i] = ""
			continue
		}
		if start >= 0 || guessed {
			continue
		}
		switch {
		case title != "" && strings.EqualFold(l, title):
			start, c.Title = i, l
		case title == "" && hasLetter(l) && !junkLine.MatchString(l) && !isDoubled(l):
			// Without a given title, the first line of text is the
			// headline if it looks like one; otherwise there is none.
			guessed = true
			if isHeadline(l) {
				start, c.Title = i, l
			}
		}
	}
	if start < 0 { // no title line: the article is all of the text
		c.Title = title
	}
	lines = lines[start+1:]

	// Everything after the first end marker that follows some text goes.
	for i, l := range lines {
		if endMarkers[strings.TrimSuffix(strings.ToLower(l), ":")] && hasText(lines[:i]) {
			lines = lines[:i]
			break
		}
	}

	for i, l := range lines {
		l = strings.TrimSpace(strings.Trim(l, "|"))
		switch {
		case !hasLetter(l), junkLine.MatchString(l), photoCaption.MatchString(l),
			isDoubled(l), strings.EqualFold(l, c.Title):
			l = ""
		}
		lines[i] = l
	}
	dropRepeatedLines(lines)
	dropLinkRuns(lines)

	var paras []string
	for _, l := range lines {
		if l != "" {
			paras = append(paras, l)
		}
	}
	paras = dropContained(paras)
	for len(paras) > 0 && isByline(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	c.Paragraphs = paras
	return c
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func hasText(lines []string) bool {
	for _, l := range lines {
		if len(strings.Fields(l)) >= 8 {
			return true
		}
	}
	return false
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// endsSentenceLike reports whether s ends as a sentence does.
func endsSentenceLike(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;\"”»", r)
}

// isHeadline reports whether l could be a news headline.
func isHeadline(l string) bool {
	n := wordCount(l)
	return n >= 4 && n <= 40 && !endsSentenceLike(l) && !junkLine.MatchString(l) && hasLetter(l)
}

// isTitleLike reports whether l looks like a link or heading, not prose.
func isTitleLike(l string) bool {
	return l != "" && wordCount(l) <= 30 && !endsSentenceLike(l)
}

// isByline reports whether a last line is a signature or credit:
// "Minh Thái (tổng hợp)", "Hà Linh".
func isByline(l string) bool { return wordCount(l) <= 6 && !endsSentenceLike(l) }

// isDoubled reports a line that is one title written twice, as link
// lists render an image's alt text beside the link: "X X".
func isDoubled(l string) bool {
	if len(l)%2 == 0 || wordCount(l) < 4 {
		return false
	}
	half := len(l) / 2
	return l[half] == ' ' && l[:half] == l[half+1:]
}

// dropRepeatedLines blanks a line repeated right after itself (blank
// lines between do not count), and its copy: a photo caption printed
// twice, or a teaser shown above its link.
func dropRepeatedLines(lines []string) {
	prev := -1
	for i, l := range lines {
		if l == "" {
			continue
		}
		if prev >= 0 && lines[prev] == l {
			lines[prev], lines[i] = "", ""
			prev = -1
			continue
		}
		prev = i
	}
}

// dropLinkRuns blanks runs of two or more adjacent title-like lines: lists
// of related links. A single such line is kept as a subheading.
func dropLinkRuns(lines []string) {
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && isTitleLike(lines[j]) {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				lines[k] = ""
			}
		}
		if j == i {
			j++
		}
		i = j
	}
}

// dropContained removes paragraphs whose whole text stands inside another
// paragraph (ignoring case and a final stop): pull quotes, repeated
// captions and their name tags. A short name line right after a dropped
// pull quote is its attribution and goes too.
func dropContained(paras []string) []string {
	lower := make([]string, len(paras))
	for i, p := range paras {
		lower[i] = strings.ToLower(p)
	}
	var out []string
	dropNext := false
	for i, p := range paras {
		if dropNext && isByline(p) {
			dropNext = false
			continue
		}
		dropNext = false
		key := strings.TrimRight(lower[i], ".!?;…")
		contained := false
		for j, q := range lower {
			if i != j && len(q) > len(key) && strings.Contains(q, key) {
				contained = true
				break
			}
		}
		if contained {
			dropNext = !isByline(p)
			continue
		}
		out = append(out, p)
	}
	return out
}
