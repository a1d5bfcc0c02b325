package exercise_test

import (
	"fmt"

	"github.com/bunbook/bunbook/helpers/exercise"
)

// An unanswered question is reported, not a crash: the questions notebook
// runs top to bottom before anything is filled in.
func ExampleQ3() {
	var tracks []struct {
		TrackID int64
		Name    string
	} // TODO: select the first 3 rows of tracks into tracks
	exercise.Q3(tracks)
	// Output:
	// ⬜ Q3 not yet answered: fill in the cell and run it again
}

// A wrong answer gets a hint about its shape, never the expected values.
func ExampleQ7() {
	top := []struct {
		ArtistName string
		Total      int
	}{
		{"The Beatles", 500},
		{"ABBA", 400},
	}
	exercise.Q7(top)
	// Output:
	// ❌ Q7 not yet: expected 10 rows, got 2: too few (check the query's Limit, Where and joins)
}

// Columns are found by name, whatever the answer's Go type; a model's
// relation has to be loaded for its fields to count.
func ExampleQ4() {
	type Album struct{ Title string }
	type Track struct {
		Name  string
		Album *Album // not loaded: the query forgot Relation("Album")
	}
	exercise.Q4([]Track{{Name: "For Those About To Rock (We Salute You)"}})
	// Output:
	// ❌ Q4 not yet: row 1: has no album title: name its field Title, AlbumTitle, Album.Title or Album, or load its relation Album with the query's Relation
}

// Check returns the verdict without printing it, e.g. for a grading script.
func ExampleCheck() {
	r := exercise.Check("Q6", [][]any{{"Some Track", 3}})
	fmt.Println(r.OK())
	fmt.Println(r)
	// Output:
	// false
	// ❌ Q6 not yet: expected 10 rows, got 1: too few (check the query's Limit, Where and joins)
}
