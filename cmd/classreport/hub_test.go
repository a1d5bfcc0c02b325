package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/bunbook/bunbook/internal/progress"
)

// TestHubUnderBaseURL: a hub served under a prefix (/jupyter/) gives server
// URLs with it; the report reads each student's file there with a token of
// that student's server only, never with the admin token, and deletes the
// token after.
func TestHubUnderBaseURL(t *testing.T) {
	const admin = "admin-secret"
	var mu sync.Mutex
	var seen []string
	deleted := 0
	mux := http.NewServeMux()
	mux.HandleFunc("/jupyter/hub/api/user", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]string{"kind": "user", "name": "teacher"})
	})
	mux.HandleFunc("/jupyter/hub/api/users", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "token "+admin {
			http.Error(w, "no", 403)
			return
		}
		w.Write([]byte(`[{"name":"teacher","admin":true,"servers":{}},
			{"name":"ada","admin":false,"servers":{"":{"ready":true,"url":"/jupyter/user/ada/"}}},
			{"name":"linus","admin":false,"servers":{}}]`))
	})
	mux.HandleFunc("/jupyter/hub/api/users/teacher/tokens", func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Scopes []string }
		json.NewDecoder(r.Body).Decode(&req)
		if len(req.Scopes) != 1 || req.Scopes[0] != "access:servers!user=ada" {
			t.Errorf("token scopes %v", req.Scopes)
		}
		json.NewEncoder(w).Encode(map[string]string{"id": "a7", "token": "ada-only"})
	})
	mux.HandleFunc("/jupyter/hub/api/users/teacher/tokens/a7", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodDelete {
			mu.Lock()
			deleted++
			mu.Unlock()
		}
	})
	mux.HandleFunc("/jupyter/user/ada/api/contents/"+progress.FileName, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		mu.Unlock()
		line := `{"q":"Q1","outcome":"correct","attempt":1,"time":"2026-12-05T10:00:00Z"}` + "\n"
		json.NewEncoder(w).Encode(map[string]string{"content": line, "format": "text"})
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	h, err := newHub(srv.URL+"/jupyter", admin)
	if err != nil {
		t.Fatal(err)
	}
	students, err := fromHub(context.Background(), h, lastKnown{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range students {
		got = append(got, s.Name+" "+s.Status["Q1"].Cell()+" "+s.Note)
	}
	if strings.Join(got, "|") != "ada ✅ |linus ⬜ server stopped; no progress read yet" {
		t.Errorf("students: %q", got)
	}
	if len(seen) != 1 || seen[0] != "token ada-only" || deleted != 1 {
		t.Errorf("ada's server saw %q (want only her own token), %d tokens deleted", seen, deleted)
	}
}
