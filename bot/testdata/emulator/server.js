// Launcher for the telegram-test-api emulator, used by bot/e2e_test.go.
//
// Usage: node server.js PORT
// Prints "listening PORT" when ready; exits when stdin closes or on SIGTERM,
// so no emulator outlives the Go test that started it.
//
// It extends the emulator (4.2.1) where vnru needs more than it offers:
// - getUpdates honours offset (confirming earlier updates, redelivering the
//   unconfirmed ones as Telegram does) and timeout (long polling), instead
//   of answering at once, which made polling spin a whole CPU core;
// - sendChatAction, setMyCommands and answerInlineQuery answer ok and are
//   recorded; POST /botCalls {token} returns the recorded calls;
// - POST /sendInlineQuery {botToken, from, query} adds an inline query.
'use strict';

const routesIndex = require('telegram-test-api/lib/routes/index');
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2]);
if (!port) {
  console.error('usage: node server.js PORT');
  process.exit(2);
}

const calls = []; // {token, method, body}
const inlineQueries = []; // {token, update}
let server;

function ok(res, result) {
  res.json({ ok: true, result });
}

function pendingUpdates(token, offset) {
  const s = server.storage;
  // Confirm (drop) the updates before offset, as Telegram does.
  s.userMessages = s.userMessages.filter((u) => u.botToken !== token || u.updateId >= offset);
  for (let i = inlineQueries.length - 1; i >= 0; i--) {
    if (inlineQueries[i].token === token && inlineQueries[i].update.update_id < offset) inlineQueries.splice(i, 1);
  }
  const updates = s.userMessages
    .filter((u) => u.botToken === token)
    .map((u) => TelegramServer.formatUpdate(u));
  for (const q of inlineQueries) if (q.token === token) updates.push(q.update);
  return updates.sort((a, b) => a.update_id - b.update_id);
}

function getUpdates(app) {
  app.all('/bot:token/getUpdates', (req, res) => {
    const params = Object.assign({}, req.query, req.body);
    const token = req.params.token;
    const offset = Number(params.offset || 0);
    const timeout = Math.min(Number(params.timeout || 0), 10) * 1000;
    const deadline = Date.now() + timeout;
    const poll = () => {
      const updates = pendingUpdates(token, offset);
      if (updates.length > 0 || Date.now() >= deadline) {
        ok(res, updates);
        return;
      }
      setTimeout(poll, 25);
    };
    poll();
  });
}

function recorded(method, result) {
  return (app) => {
    app.all(`/bot:token/${method}`, (req, res) => {
      calls.push({ token: req.params.token, method, body: Object.assign({}, req.query, req.body) });
      ok(res, result);
    });
  };
}

function clientRoutes(app) {
  app.post('/botCalls', (req, res) => ok(res, calls.filter((c) => c.token === req.body.token)));
  app.post('/sendInlineQuery', (req, res) => {
    const update = {
      update_id: server.updateId++,
      inline_query: { id: String(server.callbackId++), from: req.body.from, query: req.body.query, offset: '' },
    };
    inlineQueries.push({ token: req.body.botToken, update });
    ok(res, null);
  });
}

// Our routes go before the emulator's catch-all "unknown method" route.
const extra = [getUpdates, recorded('sendChatAction', true), recorded('setMyCommands', true),
  recorded('answerInlineQuery', true), clientRoutes];
const unknown = routesIndex.routes.pop();
routesIndex.routes.splice(0, 0, ...extra.slice(0, 1)); // before the emulator's own getUpdates
routesIndex.routes.push(...extra.slice(1), unknown);

server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => console.log(`listening ${port}`));

async function stop() {
  try { await server.stop(); } finally { process.exit(0); }
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
