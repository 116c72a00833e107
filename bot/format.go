package bot

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vnru/vnru/retrieval"
)

// maxMessageLen is Telegram's limit on a message's text: 4096 characters
// (UTF-16 code units). Parts are measured on their HTML source, tags
// included, which is never shorter than the text Telegram counts.
const maxMessageLen = 4096

// inlineTitleRunes is how much of a quote titles an inline result.
const inlineTitleRunes = 60

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// escape makes text safe inside Telegram HTML.
func escape(s string) string { return htmlEscaper.Replace(s) }

// quoteHTML is a quote in «», the question's words in bold.
func quoteHTML(q retrieval.Quote) string {
	var b strings.Builder
	b.WriteString("«")
	at := 0
	for _, s := range q.Matches {
		if s.Start < at || s.End > len(q.Text) || s.Start >= s.End {
			continue // spans are sorted and disjoint; skip anything else
		}
		b.WriteString(escape(q.Text[at:s.Start]))
		b.WriteString("<b>" + escape(q.Text[s.Start:s.End]) + "</b>")
		at = s.End
	}
	b.WriteString(escape(q.Text[at:]))
	b.WriteString("»")
	return b.String()
}

// sourceHTML is "title (linked) · source · dd/mm/yyyy"; unknown parts are
// left out, never made up.
func sourceHTML(s retrieval.Source) string {
	parts := []string{escape(s.Title)}
	if s.URL != "" {
		parts[0] = `<a href="` + escape(s.URL) + `">` + parts[0] + "</a>"
	}
	if s.Source != "" && s.Source != "unknown" {
		parts = append(parts, escape(s.Source))
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.Time.Format("02/01/2006"))
	}
	return strings.Join(parts, " · ")
}

// shortSource is "source, dd/mm/yyyy", for "also reported by" and inline
// result descriptions.
func shortSource(s retrieval.Source) string {
	name := s.Source
	if name == "" || name == "unknown" {
		name = s.Title
	}
	if s.Published.IsZero() {
		return name
	}
	return name + ", " + s.Published.Time.Format("02/01/2006")
}

// quoteBlock is one quote with its source line and the other sources
// that report the same.
func quoteBlock(m messages, q retrieval.Quote) string {
	var b strings.Builder
	b.WriteString(quoteHTML(q))
	b.WriteString("\n— ")
	b.WriteString(sourceHTML(q.Article))
	if len(q.AlsoIn) > 0 {
		var also []string
		for _, s := range q.AlsoIn {
			name := escape(shortSource(s))
			if s.URL != "" {
				name = `<a href="` + escape(s.URL) + `">` + name + "</a>"
			}
			also = append(also, name)
		}
		b.WriteString("\n" + escape(m.alsoReported) + " " + strings.Join(also, "; "))
	}
	return b.String()
}

// answerParts formats quotes as message parts, each under the limit.
func answerParts(m messages, quotes []retrieval.Quote, foreign bool) []string {
	var blocks []string
	for _, q := range quotes {
		blocks = append(blocks, quoteBlock(m, q))
	}
	if foreign && m.foreignNote != "" {
		blocks = append(blocks, "<i>"+escape(m.foreignNote)+"</i>")
	}
	return splitBlocks(blocks, maxMessageLen)
}

// relatedParts are the closest passages of a question the articles do
// not answer directly, under a heading that says they may not answer it.
func relatedParts(m messages, quotes []retrieval.Quote, foreign bool) []string {
	blocks := []string{"<i>" + escape(m.related) + "</i>"}
	for _, q := range quotes {
		blocks = append(blocks, quoteBlock(m, q))
	}
	if foreign && m.foreignNote != "" {
		blocks = append(blocks, "<i>"+escape(m.foreignNote)+"</i>")
	}
	return splitBlocks(blocks, maxMessageLen)
}

// noAnswerHTML is the polite refusal with example questions.
func noAnswerHTML(m messages) string {
	var ex []string
	for _, e := range m.examples {
		ex = append(ex, "• <i>"+escape(e)+"</i>")
	}
	return fmt.Sprintf(m.noAnswer, strings.Join(ex, "\n"))
}

// sourcesPage lists articles, newest first, one page of them.
func sourcesPage(m messages, sources []retrieval.Source, page, perPage int) string {
	if len(sources) == 0 {
		return m.sourcesEmpty
	}
	var b strings.Builder
	fmt.Fprintf(&b, m.sourcesHeader, len(sources))
	for i := page * perPage; i < len(sources) && i < (page+1)*perPage; i++ {
		fmt.Fprintf(&b, "\n%d. %s", i+1, sourceHTML(sources[i]))
	}
	return b.String()
}

// utf16Len counts a string the way Telegram measures messages.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// splitBlocks joins blocks with blank lines into parts of at most limit
// UTF-16 units. Blocks are never cut, so tags never break, unless one
// block alone is over the limit: it is then sent as plain text in pieces
// cut at spaces.
func splitBlocks(blocks []string, limit int) []string {
	var parts []string
	cur := ""
	flush := func() {
		if cur != "" {
			parts = append(parts, cur)
			cur = ""
		}
	}
	for _, bl := range blocks {
		switch {
		case utf16Len(bl) > limit:
			flush()
			parts = append(parts, splitPlain(stripTags(bl), limit)...)
		case cur == "":
			cur = bl
		case utf16Len(cur)+2+utf16Len(bl) <= limit:
			cur += "\n\n" + bl
		default:
			flush()
			cur = bl
		}
	}
	flush()
	return parts
}

// stripTags turns our own HTML back into text (it only holds <b>, <i>
// and <a href> tags, and escaped entities).
func stripTags(h string) string {
	var b strings.Builder
	in := false
	for _, r := range h {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(b.String())
}

// splitPlain cuts text into escaped pieces of at most limit units,
// preferring to cut at a space.
func splitPlain(text string, limit int) []string {
	var parts []string
	for text != "" {
		end, n := 0, 0
		lastSpace := -1
		for i, r := range text {
			w := utf16Len(escape(string(r)))
			if n+w > limit {
				break
			}
			n += w
			end = i + utf8.RuneLen(r)
			if r == ' ' || r == '\n' {
				lastSpace = end
			}
		}
		if end < len(text) && lastSpace > 0 {
			end = lastSpace
		}
		parts = append(parts, escape(text[:end]))
		text = text[end:]
	}
	return parts
}

// inlineTitle is the first words of a quote, for an inline result.
func inlineTitle(text string) string {
	r := []rune(text)
	if len(r) <= inlineTitleRunes {
		return text
	}
	cut := string(r[:inlineTitleRunes])
	if i := strings.LastIndex(cut, " "); i > inlineTitleRunes/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
