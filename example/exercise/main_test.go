package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bunbook/bunbook/internal/shareddata"
)

func TestEverySolutionIsCorrect(t *testing.T) {
	var out strings.Builder
	t.Chdir(filepath.Dir(shareddata.Path(t, "chinook.db")))
	ok, err := run(context.Background(), &out, "chinook.db")
	if err != nil {
		t.Fatal(err)
	}
	want := `✅ Q1 correct (connect)
✅ Q2 correct (query builder)
✅ Q2 correct (models)
✅ Q2 correct (inspect)
✅ Q3 correct (query builder)
✅ Q3 correct (models)
✅ Q4 correct (query builder)
✅ Q4 correct (models)
✅ Q5a correct (query builder)
✅ Q5a correct (models)
✅ Q5b correct (query builder)
✅ Q5b correct (models)
✅ Q6 correct (query builder)
✅ Q6 correct (models)
✅ Q7 correct (query builder)
✅ Q7 correct (models)
`
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if !ok {
		t.Error("run reported a wrong answer")
	}
}
