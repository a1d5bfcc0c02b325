package jupyterapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"github.com/bunbook/bunbook/internal/nbrun"
)

// Channels is a kernel's websocket (api/kernels/<id>/channels), the one
// connection JupyterLab multiplexes the shell, iopub and control channels
// over, in the Jupyter messaging protocol's JSON form.
type Channels struct {
	conn    *websocket.Conn
	session string

	mu      sync.Mutex
	pending map[string]*Execution // by execute_request msg_id
	err     error                 // why the read loop stopped
	done    chan struct{}
}

// Connect opens the kernel's channels.
func (c *Client) Connect(ctx context.Context, kernelID string) (*Channels, error) {
	session := newID()
	u, err := url.Parse(c.BaseURL + "api/kernels/" + url.PathEscape(kernelID) + "/channels?session_id=" + session)
	if err != nil {
		return nil, fmt.Errorf("jupyterapi: %w", err)
	}
	u.Scheme = strings.Replace(u.Scheme, "http", "ws", 1)
	h := http.Header{}
	if c.Token != "" {
		h.Set("Authorization", "token "+c.Token)
	}
	conn, resp, err := websocket.Dial(ctx, u.String(), &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		if resp != nil {
			return nil, fmt.Errorf("jupyterapi: open kernel channels %s: HTTP %d: %w", u.Redacted(), resp.StatusCode, err)
		}
		return nil, fmt.Errorf("jupyterapi: open kernel channels %s: %w", u.Redacted(), err)
	}
	// Tables and diagrams arrive as one message each; the default 32 KiB
	// would cut the connection on the first big one.
	conn.SetReadLimit(64 << 20)
	ch := &Channels{conn: conn, session: session, pending: map[string]*Execution{}, done: make(chan struct{})}
	go ch.read()
	return ch, nil
}

// Close closes the websocket; the kernel keeps running.
func (ch *Channels) Close() error {
	err := ch.conn.Close(websocket.StatusNormalClosure, "")
	<-ch.done
	return err
}

// Result is what one executed cell produced: its outputs as they would be
// saved in the notebook, and the kernel's execute_reply status.
type Result struct {
	nbrun.Cell
	// Status is execute_reply's status: "ok", "error" or "aborted".
	Status string
}

// Execution is a cell sent to the kernel and not yet finished.
type Execution struct {
	code   string
	mu     sync.Mutex
	result Result
	err    error // the channels were lost before the cell finished
	reply  bool  // execute_reply arrived
	idle   bool  // iopub went idle for this request
	done   chan struct{}
}

// Execute runs code as a notebook cell and waits, at most until ctx ends,
// for its reply and all of its outputs.
func (ch *Channels) Execute(ctx context.Context, code string) (Result, error) {
	e, err := ch.Send(ctx, code)
	if err != nil {
		return Result{}, err
	}
	return e.Wait(ctx)
}

// Send sends code as an execute_request and returns without waiting, so the
// caller can interrupt a cell that does not end.
func (ch *Channels) Send(ctx context.Context, code string) (*Execution, error) {
	id := newID()
	e := &Execution{code: code, done: make(chan struct{})}
	e.result.Type = "code"
	e.result.Source = code
	ch.mu.Lock()
	if ch.err != nil {
		ch.mu.Unlock()
		return nil, ch.err
	}
	ch.pending[id] = e
	ch.mu.Unlock()

	msg := map[string]any{
		"channel": "shell",
		"header": map[string]any{
			"msg_id": id, "msg_type": "execute_request", "session": ch.session,
			"username": "", "version": "5.3", "date": time.Now().UTC().Format(time.RFC3339Nano),
		},
		"parent_header": map[string]any{},
		"metadata":      map[string]any{},
		"content": map[string]any{
			"code": code, "silent": false, "store_history": true,
			"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
		},
		"buffers": []any{},
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return nil, fmt.Errorf("jupyterapi: encode execute_request: %w", err)
	}
	if err := ch.conn.Write(ctx, websocket.MessageText, data); err != nil {
		ch.mu.Lock()
		delete(ch.pending, id)
		ch.mu.Unlock()
		return nil, fmt.Errorf("jupyterapi: send execute_request: %w", err)
	}
	return e, nil
}

// Wait waits, at most until ctx ends, for the cell's reply and outputs.
func (e *Execution) Wait(ctx context.Context) (Result, error) {
	select {
	case <-e.done:
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.result, e.err
	case <-ctx.Done():
		e.mu.Lock()
		defer e.mu.Unlock()
		return e.result, fmt.Errorf("jupyterapi: cell did not finish (%w); its outputs so far: %q", ctx.Err(), outputsText(e.result.Outputs))
	}
}

// Finished reports whether the cell's reply and outputs have all arrived.
func (e *Execution) Finished() bool {
	select {
	case <-e.done:
		return true
	default:
		return false
	}
}

// Output returns a copy of the outputs received so far.
func (e *Execution) Output() []nbrun.Output {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]nbrun.Output(nil), e.result.Outputs...)
}

type message struct {
	Channel string `json:"channel"`
	Header  struct {
		MsgType string `json:"msg_type"`
	} `json:"header"`
	ParentHeader struct {
		MsgID string `json:"msg_id"`
	} `json:"parent_header"`
	Content json.RawMessage `json:"content"`
}

// read dispatches every message to the execution it answers, until the
// connection closes.
func (ch *Channels) read() {
	defer close(ch.done)
	for {
		_, data, err := ch.conn.Read(context.Background())
		if err != nil {
			ch.stop(err)
			return
		}
		var m message
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		ch.mu.Lock()
		e := ch.pending[m.ParentHeader.MsgID]
		ch.mu.Unlock()
		if e == nil {
			continue
		}
		if e.handle(m) {
			ch.mu.Lock()
			delete(ch.pending, m.ParentHeader.MsgID)
			ch.mu.Unlock()
		}
	}
}

func (ch *Channels) stop(err error) {
	if websocket.CloseStatus(err) == websocket.StatusNormalClosure {
		err = errors.New("jupyterapi: kernel channels closed")
	} else {
		err = fmt.Errorf("jupyterapi: kernel channels lost: %w", err)
	}
	ch.mu.Lock()
	defer ch.mu.Unlock()
	ch.err = err
	for id, e := range ch.pending {
		e.mu.Lock()
		e.err = err
		e.mu.Unlock()
		close(e.done)
		delete(ch.pending, id)
	}
}

// handle records one message and reports whether the execution is complete:
// both its execute_reply and iopub's idle status arrived.
func (e *Execution) handle(m message) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch m.Header.MsgType {
	case "stream":
		var c struct{ Name, Text string }
		if json.Unmarshal(m.Content, &c) == nil {
			e.result.Outputs = append(e.result.Outputs, nbrun.Output{Type: "stream", Stream: c.Name, Text: c.Text})
		}
	case "display_data", "execute_result":
		var c struct {
			Data map[string]json.RawMessage `json:"data"`
		}
		if json.Unmarshal(m.Content, &c) == nil {
			o := nbrun.Output{Type: m.Header.MsgType, Data: map[string]string{}}
			for mime, raw := range c.Data {
				var s string
				if json.Unmarshal(raw, &s) != nil {
					s = string(raw) // application/json and the like stay JSON
				}
				o.Data[mime] = s
			}
			e.result.Outputs = append(e.result.Outputs, o)
		}
	case "error":
		var c struct {
			Ename     string   `json:"ename"`
			Evalue    string   `json:"evalue"`
			Traceback []string `json:"traceback"`
		}
		if json.Unmarshal(m.Content, &c) == nil {
			e.result.Outputs = append(e.result.Outputs, nbrun.Output{Type: "error", ErrorName: c.Ename, ErrorValue: c.Evalue, Traceback: c.Traceback})
		}
	case "clear_output":
		e.result.Outputs = nil
	case "status":
		var c struct {
			ExecutionState string `json:"execution_state"`
		}
		if json.Unmarshal(m.Content, &c) == nil && c.ExecutionState == "idle" {
			e.idle = true
		}
	case "execute_reply":
		var c struct {
			Status         string `json:"status"`
			ExecutionCount int    `json:"execution_count"`
		}
		if json.Unmarshal(m.Content, &c) == nil {
			e.result.Status, e.result.ExecutionCount = c.Status, c.ExecutionCount
		}
		e.reply = true
	}
	if e.reply && e.idle {
		close(e.done)
		return true
	}
	return false
}

func outputsText(outs []nbrun.Output) string {
	var b strings.Builder
	for _, o := range outs {
		b.WriteString(o.String())
		b.WriteString("\n")
	}
	return b.String()
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// NotebookOutputs returns the result's outputs in nbformat 4 JSON form, as
// JupyterLab saves them into the notebook's cell.
func (r Result) NotebookOutputs() []map[string]any {
	outs := make([]map[string]any, 0, len(r.Outputs))
	for _, o := range r.Outputs {
		switch o.Type {
		case "stream":
			outs = append(outs, map[string]any{"output_type": "stream", "name": o.Stream, "text": o.Text})
		case "display_data", "execute_result":
			out := map[string]any{"output_type": o.Type, "data": o.Data, "metadata": map[string]any{}}
			if o.Type == "execute_result" {
				out["execution_count"] = r.ExecutionCount
			}
			outs = append(outs, out)
		case "error":
			tb := o.Traceback
			if tb == nil {
				tb = []string{}
			}
			outs = append(outs, map[string]any{"output_type": "error", "ename": o.ErrorName, "evalue": o.ErrorValue, "traceback": tb})
		}
	}
	return outs
}
