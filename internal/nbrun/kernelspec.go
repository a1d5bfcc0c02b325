package nbrun

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrNoKernel means Jupyter has no kernelspec of the wanted name.
var ErrNoKernel = errors.New("jupyter kernel not installed")

// InstallKernelHint tells a person how to install the course's GoNB kernel.
const InstallKernelHint = "Run scripts/setup.sh from the repository root (make lessons and make test run it): " +
	"it builds the pinned gonb and goimports and installs the gonb kernel with --go_work=<repository root>."

// KernelSpec is a Jupyter kernelspec: the kernel.json that tells Jupyter how
// to start a kernel.
type KernelSpec struct {
	Name string // folder name under kernels/, e.g. "gonb"
	Path string // path of kernel.json

	Argv        []string
	DisplayName string
	Env         map[string]string

	raw map[string]any // every field, so Save keeps what this type does not model
}

// UserKernelDir returns the folder where a per-user kernelspec called name
// lives, the one `gonb --install` writes: $JUPYTER_DATA_DIR/kernels/name, or
// the platform's user data folder (~/.local/share/jupyter on Linux).
func UserKernelDir(name string) (string, error) {
	if dir := os.Getenv("JUPYTER_DATA_DIR"); dir != "" {
		return filepath.Join(dir, "kernels", name), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("nbrun: no home folder for the Jupyter data folder (set JUPYTER_DATA_DIR): %w", err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels", name), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels", name), nil
}

// FindKernel returns the kernelspec called name that j would start: the
// first kernels/name/kernel.json in Jupyter's data folders. The error wraps
// ErrNoKernel when there is none.
func FindKernel(ctx context.Context, j *Jupyter, name string) (*KernelSpec, error) {
	dirs, err := j.DataDirs(ctx)
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		k, err := ReadKernelSpec(filepath.Join(dir, "kernels", name, "kernel.json"))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return k, err
	}
	return nil, fmt.Errorf("%w: no kernels/%s/kernel.json in Jupyter's data folders %s.\n%s",
		ErrNoKernel, name, strings.Join(dirs, ", "), InstallKernelHint)
}

// ReadKernelSpec reads a kernel.json file.
func ReadKernelSpec(path string) (*KernelSpec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("nbrun: read kernelspec: %w", err)
	}
	k := &KernelSpec{Name: filepath.Base(filepath.Dir(path)), Path: path}
	if err := json.Unmarshal(data, &k.raw); err != nil {
		return nil, fmt.Errorf("nbrun: kernelspec %s is not JSON: %w", path, err)
	}
	var typed struct {
		Argv        []string          `json:"argv"`
		DisplayName string            `json:"display_name"`
		Env         map[string]string `json:"env"`
	}
	if err := json.Unmarshal(data, &typed); err != nil {
		return nil, fmt.Errorf("nbrun: kernelspec %s: %w", path, err)
	}
	if len(typed.Argv) == 0 {
		return nil, fmt.Errorf("nbrun: kernelspec %s has no argv: reinstall the kernel. %s", path, InstallKernelHint)
	}
	k.Argv, k.DisplayName, k.Env = typed.Argv, typed.DisplayName, typed.Env
	return k, nil
}

// Flag returns the value of the kernel command's flag name, written by gonb
// as "-name=value" (or "--name=value"), and whether it is there.
func (k *KernelSpec) Flag(name string) (string, bool) {
	for _, arg := range k.Argv[1:] {
		arg = strings.TrimLeft(arg, "-")
		if v, ok := strings.CutPrefix(arg, name+"="); ok {
			return v, true
		}
	}
	return "", false
}

// CheckGoNB reports whether k starts an existing gonb binary whose go.work
// includes root, the checkout whose packages the notebooks import. The error
// names the problem and the fix.
func (k *KernelSpec) CheckGoNB(root string) error {
	bin := k.Argv[0]
	if info, err := os.Stat(bin); err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
		return fmt.Errorf("%w: kernel %q (%s) starts %s, which is not an executable file. %s",
			ErrNoKernel, k.Name, k.Path, bin, InstallKernelHint)
	}
	work, _ := k.Flag("go_work")
	for _, dir := range strings.Split(work, ",") {
		if dir != "" && samePath(dir, root) {
			return nil
		}
	}
	return fmt.Errorf("%w: kernel %q (%s) has go_work=%q, not this checkout %s, so notebooks would import another copy of the course packages. %s",
		ErrNoKernel, k.Name, k.Path, work, root, InstallKernelHint)
}

// PrependPath makes the kernel's PATH start with dirs, followed by the PATH
// Jupyter itself has (Jupyter expands ${PATH} when it starts the kernel).
// It replaces a PATH set before, so running the set-up again changes nothing.
func (k *KernelSpec) PrependPath(dirs ...string) {
	if k.Env == nil {
		k.Env = map[string]string{}
	}
	k.Env["PATH"] = strings.Join(append(dirs, "${PATH}"), string(os.PathListSeparator))
}

// SetEnv sets the kernel's environment variable name to value (Jupyter
// expands ${VAR} in it when it starts the kernel); an empty value removes
// it. Setting the same value again changes nothing.
func (k *KernelSpec) SetEnv(name, value string) {
	if k.Env == nil {
		k.Env = map[string]string{}
	}
	if value == "" {
		delete(k.Env, name)
		return
	}
	k.Env[name] = value
}

// Save writes the kernelspec back to its kernel.json, keeping fields this
// type does not model.
func (k *KernelSpec) Save() error {
	if k.raw == nil {
		k.raw = map[string]any{}
	}
	k.raw["argv"] = k.Argv
	k.raw["display_name"] = k.DisplayName
	k.raw["env"] = k.Env
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(k.raw); err != nil {
		return fmt.Errorf("nbrun: encode kernelspec: %w", err)
	}
	if err := writeFileAtomic(k.Path, buf.Bytes()); err != nil {
		return fmt.Errorf("nbrun: save kernelspec: %w", err)
	}
	return nil
}

// samePath reports whether a and b name the same file or folder (the same
// path, when either does not exist).
func samePath(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(ia, ib)
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so a reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // no-op after a successful rename
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
