// Command shot renders the HTML change report of two annex/1 models and
// photographs it with headless Chromium, for the screenshot in docs/.
//
// Run from the repository root:
//
//	go run ./report/internal/shot                 # writes docs/report.png
//	go run ./report/internal/shot -html /tmp/r.html -o /tmp/r.png
//
// With -page it photographs an HTML page that exists already, such as a page
// of a site written by `annex site` (a #fragment is passed on to the page):
//
//	go run ./report/internal/shot -page '/tmp/site/compare.html#old=2023-06-15&new=2024-03-14' -o docs/site.png
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/model"
	"github.com/annex-tools/annex/report"
)

func main() {
	oldPath := flag.String("old", "testdata/sample-2023.truth.json", "old revision (annex/1 JSON)")
	newPath := flag.String("new", "testdata/sample-2024.truth.json", "new revision (annex/1 JSON)")
	out := flag.String("o", "docs/report.png", "PNG file to write")
	htmlOut := flag.String("html", "", "also keep the HTML page here")
	pageIn := flag.String("page", "", "photograph this HTML `FILE` (with an optional #fragment) instead of rendering a report")
	width := flag.Int("width", 1280, "window width in CSS pixels")
	height := flag.Int("height", 1600, "window height in CSS pixels")
	flag.Parse()
	var err error
	if *pageIn != "" {
		err = photograph(*pageIn, *out, *width, *height)
	} else {
		err = run(*oldPath, *newPath, *out, *htmlOut, *width, *height)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "shot:", err)
		os.Exit(1)
	}
}

func load(path string) (*model.Annex, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a model.Annex
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &a, nil
}

func run(oldPath, newPath, out, htmlOut string, width, height int) error {
	oldA, err := load(oldPath)
	if err != nil {
		return err
	}
	newA, err := load(newPath)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "annex-shot")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if htmlOut == "" {
		htmlOut = filepath.Join(dir, "report.html")
	}
	f, err := os.Create(htmlOut)
	if err != nil {
		return err
	}
	if err := report.Write(f, "html", diff.Compare(oldA, newA), report.Options{}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	abs, err := filepath.Abs(htmlOut)
	if err != nil {
		return err
	}
	png, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "chromium",
		"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-lcd-text", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+png, "file://"+abs)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium: %w\n%s", err, msg)
	}
	size, err := recompress(png)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", out, size)
	return nil
}

// toPaletted maps an image to its 256 most frequent colours, each other
// colour to the nearest of them. A page screenshot is mostly flat colour and
// grey anti-aliasing, so the loss is not visible and the file is much smaller.
func toPaletted(img image.Image) *image.Paletted {
	bounds := img.Bounds()
	freq := map[color.RGBA]int{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			freq[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	colors := make([]color.RGBA, 0, len(freq))
	for c := range freq {
		colors = append(colors, c)
	}
	sort.Slice(colors, func(i, j int) bool {
		if freq[colors[i]] != freq[colors[j]] {
			return freq[colors[i]] > freq[colors[j]]
		}
		a, b := colors[i], colors[j]
		return uint32(a.R)<<16|uint32(a.G)<<8|uint32(a.B) < uint32(b.R)<<16|uint32(b.G)<<8|uint32(b.B)
	})
	if len(colors) > 256 {
		colors = colors[:256]
	}
	pal := make(color.Palette, len(colors))
	for i, c := range colors {
		pal[i] = c
	}
	out := image.NewPaletted(bounds, pal)
	index := map[color.RGBA]uint8{}
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			i, ok := index[c]
			if !ok {
				i = uint8(pal.Index(c))
				index[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}

// recompress rewrites a PNG with the best compression and returns its size.
func recompress(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&b, toPaletted(img)); err != nil {
		return 0, err
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return 0, err
	}
	return int64(b.Len()), nil
}

// photograph takes a screenshot of the HTML file page (an optional
// #fragment is kept in the URL) and writes it to out.
func photograph(page, out string, width, height int) error {
	file, frag, _ := strings.Cut(page, "#")
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	png, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "annex-shot")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	url := "file://" + abs
	if frag != "" {
		url += "#" + frag
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "chromium",
		"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-lcd-text", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		fmt.Sprintf("--window-size=%d,%d", width, height),
		"--screenshot="+png, url)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium: %w\n%s", err, msg)
	}
	size, err := recompress(png)
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", out, size)
	return nil
}
