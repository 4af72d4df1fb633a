package e2e

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"sort"
)

// docShot is one screenshot the README shows: page name, width, the
// height the capture is cut to (the top of the page, as a reader first sees
// it), and whether it is the dark colour scheme.
type docShot struct {
	page          string
	width, height int
	dark          bool
}

// docShots are the README's screenshots of every theme.
var docShots = []docShot{
	{"home", 1280, 1000, false},
	{"article", 1280, 1000, false},
	{"article", 360, 780, false},
	{"home", 360, 780, false},
	{"countries", 1280, 1000, false},
	{"country", 1280, 1000, false},
	{"country", 360, 780, false},
	{"region", 1280, 1000, false},
	{"relation", 1280, 1000, false},
}

// darkShots are the README's screenshots of the themes' dark modes.
var darkShots = map[string][]docShot{
	"default": {
		{"home", 1280, 1000, true},
		{"article", 360, 780, true},
		{"country", 1280, 1000, true},
	},
}

// writeDocsScreenshots copies the README's screenshots from the review
// folder into dir (relative paths start at the repository root), cut to the first screen and reduced to 256 colours so
// that the committed files stay small.
func writeDocsScreenshots(review, dir string) error {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", "..", dir) // relative to the repository root
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, theme := range themes {
		for _, s := range slices.Concat(docShots, darkShots[theme]) {
			name := fmt.Sprintf("%s-%s-%d.png", theme, s.page, s.width)
			if s.dark {
				name = fmt.Sprintf("%s-%s-%d-dark.png", theme, s.page, s.width)
			}
			img, err := readPNG(filepath.Join(review, name))
			if err != nil {
				return err
			}
			r := img.Bounds()
			r.Max.Y = min(r.Max.Y, r.Min.Y+s.height)
			if err := writePNG(filepath.Join(dir, name), quantize(img, r)); err != nil {
				return err
			}
		}
	}
	return nil
}

func readPNG(name string) (image.Image, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return img, nil
}

func writePNG(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", name, err)
	}
	return f.Close()
}

// quantize reduces the part r of img to a palette of its 256 most common
// colours (after dropping the lowest three bits of each channel), mapping
// every other colour to the nearest. Screenshots of pages are mostly flat
// colour, so this keeps text crisp at a fraction of the size.
func quantize(img image.Image, r image.Rectangle) *image.Paletted {
	type bucket struct {
		key        uint32
		n          int
		rs, gs, bs int
	}
	key := func(c color.RGBA) uint32 { return uint32(c.R>>3)<<10 | uint32(c.G>>3)<<5 | uint32(c.B>>3) }
	rgba := image.NewRGBA(r)
	draw.Draw(rgba, r, img, r.Min, draw.Src)
	counts := map[uint32]*bucket{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgba.RGBAAt(x, y)
			k := key(c)
			b := counts[k]
			if b == nil {
				b = &bucket{key: k}
				counts[k] = b
			}
			b.n++
			b.rs += int(c.R)
			b.gs += int(c.G)
			b.bs += int(c.B)
		}
	}
	all := make([]*bucket, 0, len(counts))
	for _, b := range counts {
		all = append(all, b)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].n != all[j].n {
			return all[i].n > all[j].n
		}
		return all[i].key < all[j].key
	})
	pal := make(color.Palette, 0, 256)
	for _, b := range all[:min(256, len(all))] {
		pal = append(pal, color.RGBA{uint8(b.rs / b.n), uint8(b.gs / b.n), uint8(b.bs / b.n), 255})
	}
	out := image.NewPaletted(r, pal)
	nearest := map[color.RGBA]uint8{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgba.RGBAAt(x, y)
			i, ok := nearest[c]
			if !ok {
				i = uint8(pal.Index(c))
				nearest[c] = i
			}
			out.SetColorIndex(x, y, i)
		}
	}
	return out
}
