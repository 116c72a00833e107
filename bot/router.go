package bot

import (
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// entityText returns the text an entity covers. Telegram gives entity
// offsets in UTF-16 code units, not bytes: an emoji before a mention
// shifts bytes and runes differently.
func entityText(text string, e tgbotapi.MessageEntity) string {
	u := utf16.Encode([]rune(text))
	if e.Offset < 0 || e.Length < 0 || e.Offset+e.Length > len(u) {
		return ""
	}
	return string(utf16.Decode(u[e.Offset : e.Offset+e.Length]))
}

// withoutEntity returns the text with an entity cut out, trimmed.
func withoutEntity(text string, e tgbotapi.MessageEntity) string {
	u := utf16.Encode([]rune(text))
	if e.Offset < 0 || e.Offset+e.Length > len(u) {
		return strings.TrimSpace(text)
	}
	rest := append(append([]uint16{}, u[:e.Offset]...), u[e.Offset+e.Length:]...)
	return strings.TrimSpace(string(utf16.Decode(rest)))
}

// command is a bot command found in a message.
type command struct {
	name     string // lower case, without "/" and "@bot"
	args     string // the rest of the message
	otherBot bool   // addressed to another bot ("/start@otherbot"): not ours
}

// parseCommand finds a command at the start of a message; ok is false
// when there is none. A command addressed to another bot is found with
// otherBot set, so that no chat treats it as a question.
func parseCommand(m *tgbotapi.Message, botName string) (c command, ok bool) {
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	for _, e := range m.Entities {
		if e.Type != "bot_command" || e.Offset != 0 {
			continue
		}
		name := strings.TrimPrefix(entityText(text, e), "/")
		if n, at, found := strings.Cut(name, "@"); found {
			if !strings.EqualFold(at, botName) {
				return command{name: strings.ToLower(n), otherBot: true}, true
			}
			name = n
		}
		return command{name: strings.ToLower(name), args: withoutEntity(text, e)}, true
	}
	return command{}, false
}

// mentionedQuestion returns the question of a message that mentions the
// bot ("@vnru_bot khi nào..."), found through its entities.
func mentionedQuestion(m *tgbotapi.Message, botName string) (string, bool) {
	for _, e := range m.Entities {
		if e.Type == "mention" && strings.EqualFold(entityText(m.Text, e), "@"+botName) {
			return withoutEntity(m.Text, e), true
		}
	}
	return "", false
}

// isGroup reports a group, supergroup (and channel discussion groups,
// which are supergroups).
func isGroup(c *tgbotapi.Chat) bool {
	return c != nil && (c.Type == "group" || c.Type == "supergroup")
}

// nonText reports a message with no text: stickers, photos, voice,
// files and the like.
func nonText(m *tgbotapi.Message) bool {
	return m.Text == "" && (m.Sticker != nil || m.Photo != nil || m.Voice != nil || m.Document != nil ||
		m.Video != nil || m.Audio != nil || m.Animation != nil || m.VideoNote != nil || m.Location != nil ||
		m.Contact != nil || m.Poll != nil || m.Dice != nil)
}
