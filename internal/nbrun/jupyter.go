package nbrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// ErrNoJupyter means no working `jupyter nbconvert` was found on PATH.
var ErrNoJupyter = errors.New("jupyter nbconvert not found")

// InstallJupyterHint tells a person how to get Jupyter. It ends every
// ErrNoJupyter message.
const InstallJupyterHint = `Install Jupyter, then run the command again:
  Debian/Ubuntu:  sudo apt-get install -y --no-install-recommends jupyter-notebook jupyter-nbconvert python3-ipykernel
  Fedora:         sudo dnf install python3-notebook python3-nbconvert
  macOS:          brew install jupyterlab
  with pip:       python3 -m pip install --user jupyterlab   (then make sure ~/.local/bin is on PATH)
Or skip the local install and use the Docker image (see README.md, "Quick start").`

// Jupyter is a located `jupyter` command that has nbconvert.
type Jupyter struct {
	Path             string // absolute path of the jupyter command
	NbconvertVersion string // e.g. "6.5.3"
}

// FindJupyter finds `jupyter` on PATH and checks that `jupyter nbconvert`
// runs. The error wraps ErrNoJupyter and says how to install it.
func FindJupyter(ctx context.Context) (*Jupyter, error) {
	path, err := exec.LookPath("jupyter")
	if err != nil {
		return nil, fmt.Errorf("%w: no jupyter command on PATH.\n%s", ErrNoJupyter, InstallJupyterHint)
	}
	out, err := exec.CommandContext(ctx, path, "nbconvert", "--version").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%w: %s nbconvert --version failed (%v): %s\n%s",
			ErrNoJupyter, path, err, strings.TrimSpace(string(out)), InstallJupyterHint)
	}
	return &Jupyter{Path: path, NbconvertVersion: lastLine(out)}, nil
}

// DataDirs returns the folders where Jupyter looks for kernelspecs (under
// kernels/), most specific first, as `jupyter --paths --json` reports them.
func (j *Jupyter) DataDirs(ctx context.Context) ([]string, error) {
	out, err := j.command(ctx, "--paths", "--json").Output()
	if err != nil {
		return nil, fmt.Errorf("nbrun: %s --paths --json: %w", j.Path, err)
	}
	var paths struct {
		Data []string `json:"data"`
	}
	if err := json.Unmarshal(out, &paths); err != nil {
		return nil, fmt.Errorf("nbrun: %s --paths --json printed no JSON: %w", j.Path, err)
	}
	return paths.Data, nil
}

func (j *Jupyter) command(ctx context.Context, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, j.Path, args...)
}

// lastLine returns the last non-empty line of out, trimmed: version
// commands may print warnings first.
func lastLine(out []byte) string {
	lines := strings.Split(strings.TrimSpace(string(bytes.TrimSpace(out))), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
