// Command annex parses, validates, compares and reports on export-control
// list annexes. See the README for a tour; `annex help COMMAND` for details.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/annex-tools/annex/internal/limits"
	"github.com/annex-tools/annex/internal/sanitize"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// commands lists the subcommands; each lives in its own file.
var commands []func() *cli.Command

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes besides its flags.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError carries an exit status and a one-line message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageErr is a command-line mistake: exit status 2, with a hint.
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// inputErr is an input that cannot be read or understood: exit status 2.
func inputErr(err error) error {
	return &exitError{code: 2, msg: oneLine(err.Error())}
}

// oneLine returns the first line of an error message, with control and bidi
// characters shown as escapes: a message may quote a file name or a cell.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return sanitize.Line(s)
}

// run runs annex with args (args[0] is the program name) and returns the
// exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	defer func() {
		if r := recover(); r != nil {
			// A bug of ours: one line, no stack trace, and a hint to report it.
			fmt.Fprintf(stderr, "annex: internal error: %s (please report this with the input that caused it)\n", oneLine(fmt.Sprint(r)))
			status = 2
		}
	}()
	app := newApp(e)
	err := limits.Check() // a mistyped ANNEX_LIMITS would otherwise go unheeded
	if err != nil {
		err = usageErr("annex: %s", oneLine(err.Error()))
	}
	if err == nil {
		args, err = reorder(app, args)
	}
	if err == nil {
		err = app.Run(args)
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			// Usage errors may add a line "Try: …"; nothing else may pass.
			fmt.Fprintln(stderr, sanitize.Text(ee.msg))
		}
		return ee.code
	}
	// Errors from urfave/cli itself: unknown flags, bad flag values.
	fmt.Fprintf(stderr, "annex: %s\nTry: annex help\n", oneLine(err.Error()))
	return 2
}

func newApp(e *env) *cli.App {
	app := &cli.App{
		Name:      "annex",
		Usage:     "keep export-control list annexes under version control",
		Version:   version,
		Reader:    e.stdin,
		Writer:    e.stdout,
		ErrWriter: e.stderr,
		// Report errors ourselves, with exit statuses of our own.
		ExitErrHandler:         func(*cli.Context, error) {},
		HideHelpCommand:        false,
		UseShortOptionHandling: false,
		Suggest:                true,
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			if c.Command == nil || c.Command.Name == "" || c.Command.Name == c.App.Name {
				return usageErr("annex: %s\nTry: annex help", oneLine(err.Error()))
			}
			return usageErr("annex %s: %s\nTry: annex help %s", c.Command.Name, oneLine(err.Error()), c.Command.Name)
		},
		CommandNotFound: func(c *cli.Context, name string) {
			fmt.Fprintf(e.stderr, "annex: unknown command %q\nTry: annex help\n", name)
		},
	}
	app.Metadata = map[string]any{"env": e}
	for _, mk := range commands {
		cmd := mk()
		cmd.OnUsageError = app.OnUsageError
		app.Commands = append(app.Commands, cmd)
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() > 0 {
			return usageErr("annex: unknown command %q\nTry: annex help", c.Args().First())
		}
		return cli.ShowAppHelp(c)
	}
	return app
}

// envOf returns the env of the running app.
func envOf(c *cli.Context) *env { return c.App.Metadata["env"].(*env) }

// reorder moves a subcommand's flags before its arguments, so that
// `annex parse a.pdf --format json` works: urfave/cli v2 stops reading flags
// at the first argument. Everything after "--" stays as it is. A flag that
// takes a value but is last, or is followed by "--" or another of the
// command's flags, is a usage error naming it: otherwise the next word would
// silently become its value.
func reorder(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	// Find the subcommand: the first argument that is not a global flag.
	i := 1
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" {
		i++
	}
	if i >= len(args) {
		return args, nil
	}
	cmd := app.Command(args[i])
	if cmd == nil {
		return args, nil
	}
	takesValue := make(map[string]bool)
	for _, f := range cmd.Flags {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			takesValue[n] = !isBool
		}
	}
	var flags, pos []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		switch {
		case a == "--":
			pos = append(pos, rest[j+1:]...)
			j = len(rest)
		case strings.HasPrefix(a, "-") && a != "-":
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if k := strings.IndexByte(name, '='); k >= 0 {
				continue
			}
			if !takesValue[name] {
				continue
			}
			if j+1 >= len(rest) || isFlagOf(takesValue, rest[j+1]) {
				return nil, usageErr("annex %s: flag %s needs a value\nTry: annex help %s", cmd.Name, a, cmd.Name)
			}
			flags = append(flags, rest[j+1])
			j++
		default:
			pos = append(pos, a)
		}
	}
	out := append([]string{}, args[:i+1]...)
	out = append(out, flags...)
	if len(pos) > 0 {
		out = append(out, "--")
		out = append(out, pos...)
	}
	return out, nil
}

// isFlagOf says whether a is "--" or one of the flags named in names
// ("--format", "-o", "--at=x"), rather than the value of the flag before it.
// "-" alone is a value: standard input or output.
func isFlagOf(names map[string]bool, a string) bool {
	if a == "--" {
		return true
	}
	if !strings.HasPrefix(a, "-") || a == "-" {
		return false
	}
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	_, ok := names[name]
	return ok
}
