package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/vnru/vnru/bot"
	"github.com/vnru/vnru/corpus/follow"
	"github.com/vnru/vnru/internal/secret"
	"github.com/vnru/vnru/retrieval"
)

// The engine, and its swappable wrapper, satisfy what the bot asks of it.
var (
	_ bot.Answerer = (*retrieval.Engine)(nil)
	_ bot.Answerer = (*retrieval.Live)(nil)
)

func botCommand() command {
	return command{
		name:    "bot",
		summary: "run the Telegram bot (long polling, or a webhook when VNRU_WEBHOOK_URL is set)",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var cf corpusFlags
			cf.register(fs, env.cfg)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("bot: unexpected argument %q", args[0])
				}
				if err := env.cfg.ValidateBot(); err != nil {
					return fmt.Errorf("bot: %w", err)
				}
				eng, err := openEngine(ctx, env, cf)
				if err != nil {
					return err
				}
				live := retrieval.NewLive(eng)
				defer live.Close() // after the bot has stopped and drained
				rl := &reloader{env: env, cf: cf, live: live}
				go rl.onSignal(ctx) // exits with ctx
				if env.cfg.Watch && cf.corpusDir != "" {
					go rl.watch(ctx, 2*time.Second) // exits with ctx
				}
				var lastFollow func() (bot.FollowRun, bool)
				if len(env.cfg.Feeds) > 0 {
					fs, err := newBotFollowSchedule(env, cf, rl.reload, follow.DefaultDelay)
					if err != nil {
						return fmt.Errorf("bot: %w", err)
					}
					go fs.run(ctx) // exits with ctx
					lastFollow = func() (bot.FollowRun, bool) {
						r := fs.Last()
						return bot.FollowRun{At: r.At, Added: r.Added, Failed: r.Failed, Err: r.Err}, !r.At.IsZero()
					}
				}
				webhookSecret := env.cfg.WebhookSecret
				if env.cfg.WebhookURL != "" && webhookSecret == "" {
					webhookSecret = randomSecret()
				}
				// The Telegram library's own logger is package-global: route
				// it to ours once, before the bot starts.
				if err := bot.SetLibraryLogger(env.lg, slog.LevelWarn); err != nil {
					return fmt.Errorf("bot: %w", err)
				}
				b, err := bot.New(ctx, env.lg, live, bot.Options{
					Reload:        rl.reload,
					LastFollow:    lastFollow,
					Token:         env.cfg.Token,
					APIEndpoint:   env.cfg.APIEndpoint,
					AllowedChats:  env.cfg.AllowedChats,
					AdminIDs:      env.cfg.AdminIDs,
					Version:       version(),
					WebhookURL:    env.cfg.WebhookURL,
					ListenAddr:    env.cfg.ListenAddr,
					WebhookSecret: webhookSecret,
				})
				if err != nil {
					return fmt.Errorf("bot: %w", err)
				}
				env.lg.Info("bot started", "username", b.Username(), "articles", len(live.Sources()), "webhook", env.cfg.WebhookURL != "")
				err = b.Run(ctx)
				env.lg.Info("bot stopped")
				return err
			}
		},
	}
}

// randomSecret makes a webhook secret token (Telegram allows A-Z, a-z,
// 0-9, _ and -).
func randomSecret() secret.Value {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return secret.Value(hex.EncodeToString(b[:]))
}

// version is the module version or VCS revision the binary was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return s.Value[:12]
		}
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	return "dev"
}
