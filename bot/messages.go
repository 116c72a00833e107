package bot

import "strings"

// messages holds every string the bot writes in its own words, in one
// language. Quotes are never translated. Strings are Telegram HTML:
// placeholders are filled with escaped text.
type messages struct {
	lang string

	welcome       string // /start
	help          string // /help
	examples      []string
	noAnswer      string // %s: the example questions
	related       string // heads the closest passages when none answers
	inlineRelated string // marks them in inline results
	empty         string
	tooLong       string // %d: the limit
	nonText       string
	flood         string
	failed        string
	timeout       string
	more          string // button under an answer
	stale         string // a "more" button whose results expired
	noMore        string
	alsoReported  string // "also reported by"
	foreignNote   string // quotes are Vietnamese
	sourcesHeader string // %d articles
	sourcesEmpty  string
	prev, next    string
	about         string // %d articles, %s first date, %s last date, %s version
	notAdmin      string
	stats         string // %s uptime, %d questions, %d refusals, %.0f p50 ms, %.0f p99 ms
	followStats   string // %s time of the last feed run, %d added, %d failed
	followNone    string // before the first feed run
	reloaded      string // %d articles
	reloadFailed  string
	noReload      string
	inlineHint    string
	inlineHintMsg string
	inlineNone    string
	commands      [][2]string // name, description for setMyCommands
}

// messagesFor picks the language from a Telegram language_code: English
// or Russian when the user's app says so, Vietnamese otherwise.
func messagesFor(languageCode string) messages {
	switch {
	case strings.HasPrefix(languageCode, "en"):
		return english()
	case strings.HasPrefix(languageCode, "ru"):
		return russian()
	}
	return vietnamese()
}

func vietnamese() messages {
	return messages{
		lang: "vi",
		welcome: "Xin chào! Tôi tra cứu nhanh các sự kiện về quan hệ Việt Nam – Nga và trả lời bằng " +
			"<b>nguyên văn câu trích</b> từ các bài báo tiếng Việt, kèm nguồn, đường dẫn và ngày đăng.\n\n" +
			"Hãy gửi một câu hỏi, có dấu hoặc không dấu. Thử một trong các câu dưới đây:",
		help: "<b>Cách dùng</b>\n" +
			"• Trong chat riêng: gửi câu hỏi, ví dụ <i>Thủ tướng Mishustin thăm Việt Nam khi nào?</i>\n" +
			"• Trong nhóm: /ask câu hỏi, hoặc nhắc tên bot, hoặc trả lời tin nhắn của bot.\n" +
			"• Ở bất kỳ chat nào: gõ @tên_bot câu hỏi để chèn một trích dẫn.\n\n" +
			"/sources — danh sách bài báo\n/about — thông tin về bot\n/help — hướng dẫn này",
		examples: []string{
			"Thủ tướng Mishustin thăm Việt Nam khi nào?",
			"Đại sứ Nga tại Việt Nam là ai?",
			"Năm 2024 Putin thăm Việt Nam, hai bên ký bao nhiêu văn kiện?",
		},
		inlineRelated: "Có thể không trả lời câu hỏi",
		related:       "Các bài báo không trả lời trực tiếp câu hỏi này. Những đoạn gần nhất, có thể không trả lời câu hỏi:",
		noAnswer:      "Các bài báo hiện có không đề cập đến câu hỏi này, nên tôi không trích dẫn gì.\n\nBạn có thể thử:\n%s\nDanh sách bài báo: /sources",
		empty:         "Hãy gửi một câu hỏi bằng chữ, ví dụ: <i>Thủ tướng Mishustin thăm Việt Nam khi nào?</i>",
		tooLong:       "Câu hỏi dài quá (tối đa %d ký tự). Hãy hỏi ngắn gọn về một sự kiện.",
		nonText:       "Tôi chỉ đọc được câu hỏi bằng chữ. Hãy gõ câu hỏi của bạn.",
		flood:         "Bạn hỏi hơi nhanh. Vui lòng chờ một chút rồi hỏi tiếp.",
		failed:        "Xin lỗi, đã có lỗi khi tìm câu trả lời. Vui lòng thử lại sau.",
		timeout:       "Việc tìm kiếm mất quá nhiều thời gian. Vui lòng thử lại.",
		more:          "Thêm kết quả ▶",
		stale:         "Các kết quả này đã hết hạn. Hãy gửi lại câu hỏi.",
		noMore:        "Không còn kết quả nào khác.",
		alsoReported:  "Cũng đưa tin:",
		foreignNote:   "",
		sourcesHeader: "<b>%d bài báo</b>, mới nhất trước:",
		sourcesEmpty:  "Chưa có bài báo nào.",
		prev:          "◀ Trước",
		next:          "Sau ▶",
		about:         "<b>vnru</b> — tra cứu quan hệ Việt Nam – Nga bằng trích dẫn nguyên văn.\n%d bài báo, từ %s đến %s.\nPhiên bản: %s",
		notAdmin:      "Lệnh này chỉ dành cho quản trị viên.",
		followStats:   "Theo dõi nguồn tin lần cuối: %s, thêm %d bài, lỗi %d",
		followNone:    "Theo dõi nguồn tin: chưa chạy lần nào",
		stats:         "<b>Thống kê</b>\nThời gian chạy: %s\nCâu hỏi: %d\nTừ chối (không có câu trả lời): %d\nThời gian trả lời p50: %.0f ms, p99: %.0f ms",
		reloaded:      "Đã nạp lại: %d bài báo.",
		reloadFailed:  "Nạp lại thất bại; chỉ mục cũ vẫn đang phục vụ.",
		noReload:      "Bot này không hỗ trợ nạp lại.",
		inlineHint:    "Gõ một câu hỏi về quan hệ Việt Nam – Nga",
		inlineHintMsg: "Hỏi tôi về quan hệ Việt Nam – Nga, ví dụ: <i>Thủ tướng Mishustin thăm Việt Nam khi nào?</i>",
		inlineNone:    "Không tìm thấy trong các bài báo",
		commands: [][2]string{
			{"ask", "Hỏi một câu (dùng trong nhóm)"},
			{"sources", "Danh sách bài báo"},
			{"about", "Thông tin về bot"},
			{"help", "Hướng dẫn sử dụng"},
			{"start", "Bắt đầu"},
		},
	}
}

func english() messages {
	return messages{
		lang: "en",
		welcome: "Hello! I look up facts about Vietnam–Russia relations and answer with " +
			"<b>exact quotes</b> from Vietnamese news articles, with their source, link and date.\n\n" +
			"Send me a question. Try one of these:",
		help: "<b>How to use</b>\n" +
			"• In a private chat: send a question, e.g. <i>When did Mishustin visit Vietnam?</i>\n" +
			"• In a group: /ask your question, or mention the bot, or reply to its message.\n" +
			"• In any chat: type @botname and a question to insert a quote.\n\n" +
			"/sources — the articles\n/about — about this bot\n/help — this help",
		examples: []string{
			"Thủ tướng Mishustin thăm Việt Nam khi nào?",
			"Đại sứ Nga tại Việt Nam là ai?",
			"Năm 2024 Putin thăm Việt Nam, hai bên ký bao nhiêu văn kiện?",
		},
		inlineRelated: "May not answer the question",
		related:       "No direct answer in the articles. The closest passages, which may not answer it:",
		noAnswer:      "The articles I have do not cover this question, so I am not quoting anything.\n\nYou could try:\n%s\nThe articles: /sources",
		empty:         "Please send a question in words, e.g. <i>When did Mishustin visit Vietnam?</i>",
		tooLong:       "That question is too long (at most %d characters). Please ask about one fact.",
		nonText:       "I can only read questions typed as text. Please type your question.",
		flood:         "You are asking a little fast. Please wait a moment before the next question.",
		failed:        "Sorry, something went wrong while looking for the answer. Please try again later.",
		timeout:       "The search took too long. Please try again.",
		more:          "More results ▶",
		stale:         "These results have expired. Please send the question again.",
		noMore:        "There are no other results.",
		alsoReported:  "Also reported by:",
		foreignNote:   "The quotes are from Vietnamese sources.",
		sourcesHeader: "<b>%d articles</b>, newest first:",
		sourcesEmpty:  "There are no articles yet.",
		prev:          "◀ Previous",
		next:          "Next ▶",
		about:         "<b>vnru</b> — Vietnam–Russia relations, answered with exact quotes.\n%d articles, from %s to %s.\nVersion: %s",
		notAdmin:      "This command is for administrators only.",
		followStats:   "Last feed run: %s, %d added, %d failed",
		followNone:    "Feeds: not run yet",
		stats:         "<b>Statistics</b>\nUptime: %s\nQuestions: %d\nRefused (no answer): %d\nAnswer time p50: %.0f ms, p99: %.0f ms",
		reloaded:      "Reloaded: %d articles.",
		reloadFailed:  "Reload failed; the old index is still serving.",
		noReload:      "This bot cannot reload.",
		inlineHint:    "Type a question about Vietnam–Russia relations",
		inlineHintMsg: "Ask me about Vietnam–Russia relations, e.g. <i>When did Mishustin visit Vietnam?</i>",
		inlineNone:    "Not found in the articles",
		commands: [][2]string{
			{"ask", "Ask a question (for groups)"},
			{"sources", "The articles"},
			{"about", "About this bot"},
			{"help", "How to use"},
			{"start", "Start"},
		},
	}
}

func russian() messages {
	return messages{
		lang: "ru",
		welcome: "Здравствуйте! Я нахожу факты о российско-вьетнамских отношениях и отвечаю " +
			"<b>точными цитатами</b> из вьетнамских новостей, с источником, ссылкой и датой.\n\n" +
			"Задайте вопрос. Например:",
		help: "<b>Как пользоваться</b>\n" +
			"• В личном чате: отправьте вопрос, например <i>Когда Мишустин посетил Вьетнам?</i>\n" +
			"• В группе: /ask вопрос, упоминание бота или ответ на его сообщение.\n" +
			"• В любом чате: наберите @имя_бота и вопрос, чтобы вставить цитату.\n\n" +
			"/sources — статьи\n/about — о боте\n/help — эта справка",
		examples: []string{
			"Thủ tướng Mishustin thăm Việt Nam khi nào?",
			"Đại sứ Nga tại Việt Nam là ai?",
			"Năm 2024 Putin thăm Việt Nam, hai bên ký bao nhiêu văn kiện?",
		},
		inlineRelated: "Может не отвечать на вопрос",
		related:       "Прямого ответа в статьях нет. Ближайшие фрагменты, которые могут не отвечать на вопрос:",
		noAnswer:      "В моих статьях нет ответа на этот вопрос, поэтому я ничего не цитирую.\n\nПопробуйте:\n%s\nСтатьи: /sources",
		empty:         "Пожалуйста, напишите вопрос словами, например <i>Когда Мишустин посетил Вьетнам?</i>",
		tooLong:       "Вопрос слишком длинный (не более %d символов). Спросите об одном факте.",
		nonText:       "Я понимаю только текстовые вопросы. Пожалуйста, напишите вопрос.",
		flood:         "Вы спрашиваете слишком часто. Подождите немного.",
		failed:        "Извините, при поиске ответа произошла ошибка. Попробуйте позже.",
		timeout:       "Поиск занял слишком много времени. Попробуйте ещё раз.",
		more:          "Ещё результаты ▶",
		stale:         "Эти результаты устарели. Задайте вопрос ещё раз.",
		noMore:        "Других результатов нет.",
		alsoReported:  "Также сообщают:",
		foreignNote:   "Цитаты — из вьетнамских источников.",
		sourcesHeader: "<b>%d статей</b>, сначала новые:",
		sourcesEmpty:  "Статей пока нет.",
		prev:          "◀ Назад",
		next:          "Далее ▶",
		about:         "<b>vnru</b> — российско-вьетнамские отношения в точных цитатах.\n%d статей, с %s по %s.\nВерсия: %s",
		notAdmin:      "Эта команда только для администраторов.",
		followStats:   "Последний обход лент: %s, добавлено %d, ошибок %d",
		followNone:    "Ленты: ещё не обходились",
		stats:         "<b>Статистика</b>\nВремя работы: %s\nВопросов: %d\nОтказов (нет ответа): %d\nВремя ответа p50: %.0f мс, p99: %.0f мс",
		reloaded:      "Перезагружено: %d статей.",
		reloadFailed:  "Перезагрузка не удалась; работает старый индекс.",
		noReload:      "Этот бот не умеет перезагружаться.",
		inlineHint:    "Введите вопрос о российско-вьетнамских отношениях",
		inlineHintMsg: "Спросите меня о российско-вьетнамских отношениях, например <i>Когда Мишустин посетил Вьетнам?</i>",
		inlineNone:    "В статьях не найдено",
		commands: [][2]string{
			{"ask", "Задать вопрос (в группах)"},
			{"sources", "Статьи"},
			{"about", "О боте"},
			{"help", "Справка"},
			{"start", "Начать"},
		},
	}
}
