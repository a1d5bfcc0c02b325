package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bunbook/bunbook/internal/progress"
)

// hub reads students' progress files through their own servers, with the
// hub's REST API and a teacher's (admin) token.
//
// The admin token itself never reaches a student's server — a student
// controls that process and could keep what it is sent. For each student the
// report asks the hub for a token of its own that may only access that
// student's server (scope access:servers!user=<name>) and expires in two
// minutes, reads the file with it, then deletes it.
type hub struct {
	base   *url.URL // the hub's public URL, ending in "/"
	token  string
	client *http.Client
	owner  string // the admin token's user
}

// apiError is a hub or server answer other than 2xx.
type apiError struct {
	Status int
	URL    string
	Body   string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, strings.TrimSpace(e.Body))
}

func newHub(rawURL, token string) (*hub, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("-hub %q is not the hub's URL: give it as https://hub.example.org/", rawURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return &hub{
		base:  u,
		token: token,
		client: &http.Client{
			Timeout: 30 * time.Second,
			// A redirect is a login page: the token was not accepted.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}, nil
}

// do sends one request with token and decodes a JSON answer into out,
// reading at most limit bytes of it.
func (h *hub) do(ctx context.Context, method, path, token string, in, out any, limit int64) error {
	var body io.Reader
	if in != nil {
		data, _ := json.Marshal(in)
		body = bytes.NewReader(data)
	}
	u := h.base.ResolveReference(&url.URL{Path: path})
	u.RawQuery = ""
	if p, q, ok := strings.Cut(path, "?"); ok {
		u = h.base.ResolveReference(&url.URL{Path: p, RawQuery: q})
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &apiError{Status: resp.StatusCode, URL: u.Redacted(), Body: clean(string(data))}
	}
	if int64(len(data)) > limit {
		return fmt.Errorf("%s: the answer is larger than %d bytes", u.Redacted(), limit)
	}
	if out == nil || len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, out)
}

type hubUser struct {
	Name    string `json:"name"`
	Admin   bool   `json:"admin"`
	Servers map[string]struct {
		Ready bool   `json:"ready"`
		URL   string `json:"url"`
	} `json:"servers"`
}

// users lists the hub's users, page by page.
func (h *hub) users(ctx context.Context) ([]hubUser, error) {
	var me struct {
		Kind string `json:"kind"`
		Name string `json:"name"`
	}
	if err := h.do(ctx, "GET", "hub/api/user", h.token, nil, &me, 1<<20); err != nil {
		return nil, h.explain(err)
	}
	if me.Kind != "user" {
		return nil, fmt.Errorf("the token is a %s's; give a token of a hub admin (a user): its page Token, or `jupyterhub token <admin>`", me.Kind)
	}
	h.owner = me.Name
	var all []hubUser
	for offset := 0; ; {
		var page []hubUser
		if err := h.do(ctx, "GET", fmt.Sprintf("hub/api/users?offset=%d&limit=200", offset), h.token, nil, &page, 64<<20); err != nil {
			return nil, h.explain(err)
		}
		all = append(all, page...)
		if len(page) < 200 {
			return all, nil
		}
		offset += len(page)
	}
}

func (h *hub) explain(err error) error {
	var ae *apiError
	if errors.As(err, &ae) && (ae.Status == 403 || ae.Status == 401 || ae.Status/100 == 3) {
		return fmt.Errorf("the hub refused the token (HTTP %d): the class report needs a token of a hub admin (set %s)", ae.Status, tokenEnv)
	}
	if err != nil && !errors.As(err, &ae) {
		return fmt.Errorf("cannot reach the hub at %s: %w", h.base.Redacted(), err)
	}
	return err
}

// progressFile reads user's progress file through their running server,
// with a token that may access that server only.
func (h *hub) progressFile(ctx context.Context, user, serverURL string) ([]progress.Record, []progress.Problem, bool, error) {
	var tok struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	req := map[string]any{
		"note":       "bunbook class report: read " + user + "'s progress",
		"expires_in": 120,
		"scopes":     []string{"access:servers!user=" + user},
	}
	if err := h.do(ctx, "POST", "hub/api/users/"+url.PathEscape(h.owner)+"/tokens", h.token, req, &tok, 1<<20); err != nil {
		return nil, nil, false, fmt.Errorf("could not get a token for %s's server: %w", user, h.explain(err))
	}
	defer h.do(context.WithoutCancel(ctx), "DELETE", "hub/api/users/"+url.PathEscape(h.owner)+"/tokens/"+url.PathEscape(tok.ID), h.token, nil, nil, 1<<20)

	// The hub gives the server's URL as an absolute path ("/user/ada/", or
	// under the hub's base URL, "/jupyter/user/ada/"), which resolves against
	// the hub's origin.
	server := serverURL
	if !strings.HasPrefix(server, "/") || !strings.HasSuffix(server, "/") {
		server = "user/" + url.PathEscape(user) + "/"
	}
	var file struct {
		Content string `json:"content"`
		Format  string `json:"format"`
	}
	// A student's server can answer anything: the read is bounded.
	err := h.do(ctx, "GET", server+"api/contents/"+progress.FileName+"?type=file&format=text&content=1", tok.Token, nil, &file, 8*progress.MaxSize)
	var ae *apiError
	if errors.As(err, &ae) && ae.Status == 404 {
		return nil, nil, false, nil
	}
	if errors.As(err, &ae) && ae.Status == 400 {
		return nil, []progress.Problem{{Text: "is not a text file"}}, true, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	recs, probs := progress.Read(strings.NewReader(file.Content))
	return recs, probs, true, nil
}

// fromHub builds the class from the hub: students with a running server are
// read now; the others show what the last report read (known).
func fromHub(ctx context.Context, h *hub, known lastKnown) ([]student, error) {
	users, err := h.users(ctx)
	if err != nil {
		return nil, err
	}
	var out []student
	for _, u := range users {
		if u.Admin {
			continue // the teachers
		}
		srv, running := u.Servers[""]
		if running && srv.Ready {
			recs, probs, ok, err := h.progressFile(ctx, u.Name, srv.URL)
			if err == nil {
				s := newStudent(u.Name, "server running", recs, probs)
				if !ok {
					s.Note = "no progress file yet"
				}
				known[u.Name] = seen{Time: time.Now().UTC().Truncate(time.Second), Records: recs}
				out = append(out, s)
				continue
			}
			s := fromKnown(u.Name, known)
			s.Note = "server running but unreadable (" + clean(err.Error()) + "); " + s.Note
			out = append(out, s)
			continue
		}
		s := fromKnown(u.Name, known)
		s.Note = "server stopped; " + s.Note
		out = append(out, s)
	}
	return out, nil
}

func fromKnown(name string, known lastKnown) student {
	k, ok := known[name]
	if !ok {
		s := newStudent(name, "never read", nil, nil)
		s.Note = "no progress read yet"
		return s
	}
	s := newStudent(name, "last known", k.Records, nil)
	s.Note = "last known progress, read " + k.Time.Format("2006-01-02 15:04 UTC")
	return s
}
