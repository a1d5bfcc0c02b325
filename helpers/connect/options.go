package connect

import "io"

// Option configures Open.
type Option func(*config)

// config is what the options chose. Openers for every dialect read it.
type config struct {
	create bool      // make the database when it does not exist
	echo   io.Writer // log every statement here; nil: see BUNDEBUG
}

func newConfig(opts []Option) *config {
	cfg := new(config)
	for _, opt := range opts {
		if opt != nil {
			opt(cfg)
		}
	}
	return cfg
}

// Create lets Open make a new, empty database when the file does not exist
// yet, or is empty (0 bytes), and write it to disk. Its directory must
// exist. An existing database is opened as it is; any other file is refused.
func Create() Option {
	return func(c *config) { c.create = true }
}

// Echo logs every SQL statement the returned *bun.DB sends to w, DDL
// included, like SQLAlchemy's echo=True. In a notebook pass os.Stdout.
// A nil w turns echo off, overriding BUNDEBUG.
func Echo(w io.Writer) Option {
	return func(c *config) {
		if w == nil {
			w = io.Discard
		}
		c.echo = w
	}
}
