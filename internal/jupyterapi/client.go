package jupyterapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// Client calls one Jupyter server's REST API with a token, as JupyterLab
// does. Behind JupyterHub, BaseURL is the student's server through the
// hub's proxy (http://host/user/<name>/) and Token is a hub API token of
// that student.
type Client struct {
	BaseURL string // the server's base URL, ending in "/"
	Token   string
	// HTTP makes the requests; nil means a client that never follows
	// redirects (a hub answers an unauthorized request with a redirect to
	// its login page, which must surface as an error, not as a page).
	HTTP *http.Client
}

// Error is a REST call answered with an unexpected HTTP status.
type Error struct {
	Method, URL string
	Status      int
	Body        string // the start of the response body
}

func (e *Error) Error() string {
	return fmt.Sprintf("jupyterapi: %s %s: HTTP %d: %s", e.Method, e.URL, e.Status, e.Body)
}

var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// Do sends a JSON request to the API path p (relative to BaseURL, e.g.
// "api/kernels") and decodes a JSON answer into out (when not nil). Any
// status outside 200–299 is an *Error.
func (c *Client) Do(ctx context.Context, method, p string, in, out any) error {
	var body io.Reader
	if in != nil {
		data, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("jupyterapi: encode %s %s: %w", method, p, err)
		}
		body = bytes.NewReader(data)
	}
	u := c.BaseURL + p
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return fmt.Errorf("jupyterapi: %w", err)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "token "+c.Token)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = noRedirect
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("jupyterapi: %s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("jupyterapi: %s %s: read answer: %w", method, u, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		snippet := strings.TrimSpace(string(data))
		if len(snippet) > 300 {
			snippet = snippet[:300] + "…"
		}
		if loc := resp.Header.Get("Location"); loc != "" {
			snippet = "redirected to " + loc
		}
		return &Error{Method: method, URL: u, Status: resp.StatusCode, Body: snippet}
	}
	if out == nil || len(data) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("jupyterapi: %s %s: answer is not the JSON expected: %w", method, u, err)
	}
	return nil
}

// KernelModel is a running kernel as the kernels API describes it.
type KernelModel struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	ExecutionState string `json:"execution_state"`
}

// Session ties a notebook path to its kernel. The kernel's working folder is
// the notebook's folder, so a lesson's files land next to the notebook.
type Session struct {
	ID     string      `json:"id"`
	Path   string      `json:"path"`
	Kernel KernelModel `json:"kernel"`
}

// StartSession opens notebookPath (relative to the server's root) with a new
// kernel of the given kernelspec, as JupyterLab does when a notebook is
// opened: POST api/sessions.
func (c *Client) StartSession(ctx context.Context, notebookPath, kernel string) (*Session, error) {
	in := map[string]any{
		"path":   notebookPath,
		"name":   path.Base(notebookPath),
		"type":   "notebook",
		"kernel": map[string]string{"name": kernel},
	}
	var s Session
	if err := c.Do(ctx, http.MethodPost, "api/sessions", in, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Kernels lists the server's running kernels.
func (c *Client) Kernels(ctx context.Context) ([]KernelModel, error) {
	var ks []KernelModel
	err := c.Do(ctx, http.MethodGet, "api/kernels", nil, &ks)
	return ks, err
}

// Kernel returns one running kernel.
func (c *Client) Kernel(ctx context.Context, id string) (*KernelModel, error) {
	var k KernelModel
	if err := c.Do(ctx, http.MethodGet, "api/kernels/"+url.PathEscape(id), nil, &k); err != nil {
		return nil, err
	}
	return &k, nil
}

// Interrupt interrupts the kernel's running cell (JupyterLab's ■ button).
func (c *Client) Interrupt(ctx context.Context, id string) error {
	return c.Do(ctx, http.MethodPost, "api/kernels/"+url.PathEscape(id)+"/interrupt", nil, nil)
}

// DeleteSession closes a session and shuts its kernel down.
func (c *Client) DeleteSession(ctx context.Context, id string) error {
	return c.Do(ctx, http.MethodDelete, "api/sessions/"+url.PathEscape(id), nil, nil)
}

// Notebook reads a notebook file through the contents API and returns its
// nbformat JSON.
func (c *Client) Notebook(ctx context.Context, notebookPath string) (json.RawMessage, error) {
	var model struct {
		Type    string          `json:"type"`
		Content json.RawMessage `json:"content"`
	}
	if err := c.Do(ctx, http.MethodGet, "api/contents/"+escapePath(notebookPath)+"?type=notebook&content=1", nil, &model); err != nil {
		return nil, err
	}
	if model.Type != "notebook" {
		return nil, fmt.Errorf("jupyterapi: %s is a %s, not a notebook", notebookPath, model.Type)
	}
	return model.Content, nil
}

// SaveNotebook writes a notebook (nbformat JSON) through the contents API,
// as JupyterLab's save does.
func (c *Client) SaveNotebook(ctx context.Context, notebookPath string, nb json.RawMessage) error {
	in := map[string]any{"type": "notebook", "format": "json", "content": nb}
	return c.Do(ctx, http.MethodPut, "api/contents/"+escapePath(notebookPath), in, nil)
}

// SaveText writes a text file through the contents API (JupyterLab's text
// editor does this; a notebook saved as text is not checked).
func (c *Client) SaveText(ctx context.Context, filePath, text string) error {
	in := map[string]any{"type": "file", "format": "text", "content": text}
	return c.Do(ctx, http.MethodPut, "api/contents/"+escapePath(filePath), in, nil)
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i := range parts {
		parts[i] = url.PathEscape(parts[i])
	}
	return strings.Join(parts, "/")
}
