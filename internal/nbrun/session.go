package nbrun

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

//go:embed session.py
var sessionScript string

// Session is one live kernel driven request by request, as a front end
// (JupyterLab, the classic Notebook) drives it: cells executed in any order,
// Tab completion, Shift+Tab inspection. It talks to the kernel through
// jupyter_client, the library those front ends' servers use, in the Python
// that runs the jupyter command.
type Session struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stdout *bufio.Scanner
	stderr bytes.Buffer
	mu     sync.Mutex
}

// ExecuteReply is what executing one cell gave.
type ExecuteReply struct {
	Status         string // "ok" or "error"
	ExecutionCount int
	Outputs        []Output
}

// Cell returns the reply as a notebook cell, for Cell's helpers (Stdout,
// Stderr, HTML, Error).
func (r *ExecuteReply) Cell() Cell {
	return Cell{Type: "code", ExecutionCount: r.ExecutionCount, Outputs: r.Outputs}
}

// CompleteReply is the kernel's answer to Tab.
type CompleteReply struct {
	Status      string   `json:"status"`
	Matches     []string `json:"matches"`
	CursorStart int      `json:"cursor_start"`
	CursorEnd   int      `json:"cursor_end"`
}

// InspectReply is the kernel's answer to Shift+Tab: Data maps a MIME type
// to the documentation shown in the tooltip.
type InspectReply struct {
	Status string            `json:"status"`
	Found  bool              `json:"found"`
	Data   map[string]string `json:"data"`
}

// StartSession starts the kernelspec called kernel with dir as its working
// folder and waits until it is ready; ctx bounds the start only. Close it
// when done: Close shuts the kernel down (a killed driver would leave the
// kernel, which runs in a session of its own, behind).
func (j *Jupyter) StartSession(ctx context.Context, kernel, dir string) (*Session, error) {
	cmd := exec.Command(j.python(), "-c", sessionScript, kernel, dir)
	s := &Session{cmd: cmd}
	cmd.Stderr = &s.stderr
	// The kernel is the driver's child and shares its stderr: do not wait
	// for it forever once the driver has exited.
	cmd.WaitDelay = 10 * time.Second
	var err error
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("nbrun: session: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("nbrun: session: %w", err)
	}
	s.stdout = bufio.NewScanner(out)
	s.stdout.Buffer(nil, 64<<20)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("nbrun: session: %w", err)
	}
	started := make(chan error, 1)
	go func() {
		var ready struct{ Status string }
		err := s.read(&ready)
		if err == nil && ready.Status != "ready" {
			err = fmt.Errorf("driver said %q", ready.Status)
		}
		started <- err
	}()
	select {
	case err := <-started:
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("nbrun: kernel %s did not start: %v\n%s", kernel, err, tail(s.stderr.String(), 30))
		}
	case <-ctx.Done():
		s.Close()
		return nil, fmt.Errorf("nbrun: kernel %s did not start: %w", kernel, ctx.Err())
	}
	return s, nil
}

// Execute runs code as one cell and returns its outputs.
func (s *Session) Execute(code string, timeout time.Duration) (*ExecuteReply, error) {
	var raw struct {
		Status         string      `json:"status"`
		EValue         string      `json:"evalue"`
		ExecutionCount *int        `json:"execution_count"`
		Outputs        []rawOutput `json:"outputs"`
	}
	if err := s.request("execute", code, len(code), timeout, &raw); err != nil {
		return nil, err
	}
	if raw.Outputs == nil && raw.EValue != "" {
		return nil, fmt.Errorf("nbrun: execute: %s", raw.EValue)
	}
	r := &ExecuteReply{Status: raw.Status}
	if raw.ExecutionCount != nil {
		r.ExecutionCount = *raw.ExecutionCount
	}
	for _, o := range raw.Outputs {
		r.Outputs = append(r.Outputs, o.output())
	}
	return r, nil
}

// Complete asks for the completions at cursor (a character offset in code).
func (s *Session) Complete(code string, cursor int, timeout time.Duration) (*CompleteReply, error) {
	var r CompleteReply
	return &r, s.request("complete", code, cursor, timeout, &r)
}

// Inspect asks for the documentation of what is at cursor.
func (s *Session) Inspect(code string, cursor int, timeout time.Duration) (*InspectReply, error) {
	var r InspectReply
	return &r, s.request("inspect", code, cursor, timeout, &r)
}

// Close shuts the kernel down.
func (s *Session) Close() error {
	s.stdin.Close()
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		return <-done
	}
}

func (s *Session) request(op, code string, cursor int, timeout time.Duration, reply any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, _ := json.Marshal(map[string]any{"op": op, "code": code, "cursor_pos": cursor, "timeout": timeout.Seconds()})
	if _, err := s.stdin.Write(append(req, '\n')); err != nil {
		return fmt.Errorf("nbrun: session %s: %w\n%s", op, err, tail(s.stderr.String(), 30))
	}
	if err := s.read(reply); err != nil {
		return fmt.Errorf("nbrun: session %s: %w\n%s", op, err, tail(s.stderr.String(), 30))
	}
	return nil
}

func (s *Session) read(v any) error {
	if !s.stdout.Scan() {
		if err := s.stdout.Err(); err != nil {
			return err
		}
		return errors.New("the kernel driver exited")
	}
	return json.Unmarshal(s.stdout.Bytes(), v)
}

// python returns the interpreter that runs the jupyter command (its #!
// line), so the session imports the same jupyter_client; else python3.
func (j *Jupyter) python() string {
	f, err := os.Open(j.Path)
	if err == nil {
		defer f.Close()
		line, _ := bufio.NewReader(f).ReadString('\n')
		if rest, ok := strings.CutPrefix(line, "#!"); ok {
			if fields := strings.Fields(rest); len(fields) == 1 && strings.Contains(fields[0], "python") {
				return fields[0]
			}
		}
	}
	return "python3"
}
