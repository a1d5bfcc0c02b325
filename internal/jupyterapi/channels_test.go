package jupyterapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// fakeKernel answers each execute_request on api/kernels/k1/channels the way
// a kernel does (busy, outputs, reply, idle), after a message for another
// request that must be ignored. With cut, it closes the connection instead
// of replying.
func fakeKernel(t *testing.T, cut bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/kernels/k1/channels" || r.Header.Get("Authorization") != "token secret" {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		conn, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer conn.CloseNow()
		ctx := r.Context()
		for {
			_, data, err := conn.Read(ctx)
			if err != nil {
				return
			}
			var req struct {
				Header struct {
					MsgID string `json:"msg_id"`
				} `json:"header"`
				Content struct {
					Code string `json:"code"`
				} `json:"content"`
			}
			if err := json.Unmarshal(data, &req); err != nil {
				t.Errorf("request is not JSON: %v", err)
				return
			}
			send := func(channel, msgType, parent string, content any) {
				m := map[string]any{
					"channel": channel, "header": map[string]any{"msg_type": msgType},
					"parent_header": map[string]any{"msg_id": parent}, "content": content,
				}
				data, _ := json.Marshal(m)
				_ = conn.Write(ctx, websocket.MessageText, data)
			}
			id := req.Header.MsgID
			send("iopub", "stream", "someone-else", map[string]any{"name": "stdout", "text": "not mine\n"})
			send("iopub", "status", id, map[string]any{"execution_state": "busy"})
			send("iopub", "stream", id, map[string]any{"name": "stdout", "text": "ran: " + req.Content.Code + "\n"})
			if cut {
				conn.Close(websocket.StatusInternalError, "gone")
				return
			}
			send("iopub", "display_data", id, map[string]any{"data": map[string]any{"text/html": "<table></table>", "application/json": map[string]any{"a": 1}}})
			send("shell", "execute_reply", id, map[string]any{"status": "ok", "execution_count": 7})
			send("iopub", "status", id, map[string]any{"execution_state": "idle"})
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestExecuteCollectsOutputsUntilReplyAndIdle(t *testing.T) {
	srv := fakeKernel(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c := &Client{BaseURL: srv.URL + "/", Token: "secret"}
	ch, err := c.Connect(ctx, "k1")
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	for _, code := range []string{"a := 1", "b := 2"} {
		r, err := ch.Execute(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if r.Status != "ok" || r.ExecutionCount != 7 || r.Source != code {
			t.Errorf("%q: status %q, count %d, source %q", code, r.Status, r.ExecutionCount, r.Source)
		}
		if got := r.Stdout(); got != "ran: "+code+"\n" {
			t.Errorf("%q: stdout %q (another request's output must not leak in)", code, got)
		}
		if h := r.HTML(); len(h) != 1 || h[0] != "<table></table>" {
			t.Errorf("%q: HTML %q", code, h)
		}
		outs := r.NotebookOutputs()
		if len(outs) != 2 || outs[0]["output_type"] != "stream" || outs[1]["output_type"] != "display_data" {
			t.Fatalf("%q: nbformat outputs %v", code, outs)
		}
		if data := outs[1]["data"].(map[string]string); data["application/json"] != `{"a":1}` {
			t.Errorf("%q: application/json kept as %q, want its JSON", code, data["application/json"])
		}
	}
}

func TestExecuteFailsWhenChannelsAreLost(t *testing.T) {
	srv := fakeKernel(t, true)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ch, err := (&Client{BaseURL: srv.URL + "/", Token: "secret"}).Connect(ctx, "k1")
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Close()
	r, err := ch.Execute(ctx, "for {}")
	if err == nil || !strings.Contains(err.Error(), "kernel channels lost") {
		t.Fatalf("Execute = %v; want an error saying the channels were lost", err)
	}
	if r.Stdout() != "ran: for {}\n" {
		t.Errorf("outputs before the loss: %q", r.Stdout())
	}
	if _, err := ch.Send(ctx, "x"); err == nil {
		t.Error("Send on lost channels succeeded")
	}
}

func TestConnectWithWrongTokenFails(t *testing.T) {
	srv := fakeKernel(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := (&Client{BaseURL: srv.URL + "/", Token: "wrong"}).Connect(ctx, "k1"); err == nil || !strings.Contains(err.Error(), "HTTP 403") {
		t.Fatalf("Connect with a wrong token = %v; want HTTP 403", err)
	}
}

func TestDoReportsStatusAndRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/kernels":
			http.Redirect(w, r, "/hub/login?next=/api/kernels", http.StatusFound)
		default:
			http.Error(w, `{"message": "no such session"}`, http.StatusNotFound)
		}
	}))
	defer srv.Close()
	c := &Client{BaseURL: srv.URL + "/"}
	ctx := context.Background()
	var e *Error
	if _, err := c.Kernels(ctx); !errors.As(err, &e) || e.Status != http.StatusFound || !strings.Contains(e.Body, "/hub/login") {
		t.Errorf("Kernels behind a login redirect = %v; want an *Error with status 302 naming the login page", err)
	}
	if err := c.DeleteSession(ctx, "s/1"); !errors.As(err, &e) || e.Status != http.StatusNotFound || !strings.Contains(e.URL, "api/sessions/s%2F1") {
		t.Errorf("DeleteSession = %v; want an *Error 404 with the id escaped in the URL", err)
	}
}
