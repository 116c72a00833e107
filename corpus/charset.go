package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// ErrUnknownEncoding is returned for a page that is not UTF-8, declares no
// charset, and does not read as Vietnamese in windows-1258 either:
// decoding it would only give mojibake.
var ErrUnknownEncoding = errors.New("the page is not UTF-8 and declares no charset: save it as UTF-8 or add <meta charset=\"...\"> naming its encoding")

// decodePage returns the page as UTF-8. The HTTP Content-Type (may be
// empty), a byte-order mark or the page's own <meta charset> decide the
// encoding. With none of them, x/net/html/charset looks only at the first
// 1024 bytes and falls back to windows-1252, which turns a Vietnamese
// legacy page into mojibake without a word: so an undeclared page that is
// not valid UTF-8 is read as windows-1258 (the legacy Vietnamese code page)
// only if that gives Vietnamese text, and refused otherwise.
func decodePage(raw []byte, contentType string) ([]byte, error) {
	_, name, certain := charset.DetermineEncoding(raw, contentType)
	if !certain && !declaresCharset(raw) && !utf8.Valid(raw) {
		text, err := charmap.Windows1258.NewDecoder().Bytes(raw)
		if err != nil || !looksVietnamese(norm.NFC.Bytes(text)) {
			return nil, ErrUnknownEncoding
		}
		return text, nil
	}
	if !certain && name == "utf-8" && !utf8.Valid(raw) {
		// Declared nowhere and UTF-8 only in its first kilobyte.
		return nil, ErrUnknownEncoding
	}
	r, err := charset.NewReader(bytes.NewReader(raw), contentType)
	if err != nil {
		return nil, fmt.Errorf("page encoding: %w", err)
	}
	text, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decode page: %w", err)
	}
	return text, nil
}

// declaresCharset reports whether the head of the page, where the HTML
// standard's prescan looks (1024 bytes), names a charset.
func declaresCharset(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// looksVietnamese reports whether text holds letters only Vietnamese
// writes (ơ, ư, ă, đ and the precomposed vowels with tone marks of
// U+1EA0–U+1EF9) for at least one in 50 letters: real Vietnamese prose
// has one in three or four; a Western page read in windows-1258 has
// almost none.
func looksVietnamese(text []byte) bool {
	letters, viet := 0, 0
	for _, r := range string(text) {
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9, r == 'ơ', r == 'Ơ', r == 'ư', r == 'Ư', r == 'ă', r == 'Ă', r == 'đ', r == 'Đ':
			viet++
			letters++
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= 0xC0 && r <= 0x24F:
			letters++
		}
	}
	return letters > 0 && viet*50 >= letters
}
