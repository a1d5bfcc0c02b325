package download_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/bunbook/bunbook/data/download"
	"github.com/bunbook/bunbook/internal/shareddata"
)

// sharedZip is the course's local copy of chinook.zip, which keeps these
// examples offline; a classroom would set CHINOOK_SOURCE to it instead.
func sharedZip() string {
	dir, err := shareddata.Dir()
	if err != nil {
		log.Fatal(err)
	}
	return filepath.Join(dir, "chinook.zip")
}

func ExampleChinook() {
	dir, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(dir)

	// In a notebook cell this is simply:
	//	path, err := download.Chinook(ctx, "chinook.db")
	path, err := download.Chinook(context.Background(), filepath.Join(dir, "chinook.db"),
		download.Source(sharedZip()), download.Quiet())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Base(path))
	// Output: chinook.db
}

func ExampleChinook_cached() {
	dir, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	// The first call installs the database, the second finds it verified
	// in place and uses no network at all.
	for range 2 {
		var out strings.Builder
		if _, err := download.Chinook(ctx, dir, download.Source(sharedZip()), download.Output(&out)); err != nil {
			log.Fatal(err)
		}
		fmt.Print(strings.Replace(out.String(), dir, "$COURSE", 1))
	}
	// Output:
	// ready: $COURSE/chinook.db (884736 bytes, sha256 ok)
	// ready: $COURSE/chinook.db (884736 bytes, sha256 ok, cached)
}

func ExampleChinook_errors() {
	dir, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(dir)

	_, err := download.Chinook(context.Background(), dir,
		download.Source("/media/usb/chinook.zip"), download.Quiet())
	fmt.Println(err)
	// Output:
	// chinook: fetch /media/usb/chinook.zip: source not found: stat /media/usb/chinook.zip: no such file or directory; check the Source option (-source flag): it must name an existing chinook.zip or chinook.db
}

// A teacher hands out a different database on purpose: pin its digest, or
// accept it unverified (the result line then says so).
func ExampleUnverified() {
	dir, _ := os.MkdirTemp("", "course")
	defer os.RemoveAll(dir)
	shared, _ := shareddata.Dir()

	var out strings.Builder
	_, err := download.Chinook(context.Background(), filepath.Join(dir, "northwind.db"),
		download.Source(filepath.Join(shared, "northwind.db")),
		download.Unverified(), download.Output(&out))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(strings.Replace(out.String(), dir, "$COURSE", 1))
	// Output: ready: $COURSE/northwind.db (602112 bytes, sha256 NOT verified: 98a2b8bd66914504f9e77f54539cc999e73a476e6eefde111b163fed58f3bbeb)
}
