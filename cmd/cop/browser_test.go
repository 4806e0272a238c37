package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/cophealth/cop/internal/cli"
	"github.com/cophealth/cop/internal/factory"
	"github.com/cophealth/cop/internal/iostreams"
)

// readmeScreenshot is the screenshot the README shows; go test -update
// rewrites it from TestBrowser's first page.
const readmeScreenshot = "../../examples/report.png"

// chromium finds the browser the browser test drives: $COP_CHROMIUM, or
// Debian's chromium (or another Chrome) on PATH. Without one the test is
// skipped, saying why; .ci/run installs Debian's package first and sets
// COP_CHROMIUM, so that in CI a missing browser is a failure, not a skip.
func chromium(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("COP_CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("COP_CHROMIUM=%s: %v", p, err)
		}
		return path
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("browser test skipped: no Chromium on PATH (chromium, chromium-browser, google-chrome) and COP_CHROMIUM unset; " +
		"install Debian's package with apt-get install chromium (.ci/run does)")
	return ""
}

// mediaBox finds the size of a PDF's page, in points.
var mediaBox = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// browserPage is one HTML file cop writes, and what the browser must find in it.
type browserPage struct {
	name string
	args []string // cop's arguments; -o FILE is added
	// h1 is the text the page's heading must show, exactly.
	h1 string
	// texts must each be in the page's visible text.
	texts []string
	// series is the number of polygons on the radar (rounds, and targets).
	series int
	// scrollsUnder is the window width under which the grid is too wide
	// for the page (seven columns on a phone, forty anywhere) and scrolls
	// in its own box, the page itself staying put; 0 if it always fits.
	scrollsUnder int64
	// noRadar says that the page has no radar: too many columns for one.
	noRadar bool
	// legend is the text of each entry of the radar's legend, in order;
	// the one named targetsLegend must be drawn dashed.
	legend []string
}

// targetsLegend names the policy's dashed polygon in a legend.
const targetsLegend = "Targets set in the policy"

// browserPages are the pages the browser tests open: a report with the
// policy's targets, comparisons over time and of every round, and two
// pages of hostile text.
func browserPages() []browserPage {
	return []browserPage{
		{
			name: "report",
			args: []string{"report", "-f", "html", "--policy", "../../examples/ci/cop-policy.yml", "../../examples/riverside-nurses/2026-11-22.yaml"},
			h1:   "Riverside Palliative Care Nurses", texts: []string{"Weakest indicators", "Targets", "2.67 / 4"}, series: 2,
			legend: []string{"Scores, 2026-11-22", targetsLegend},
		},
		{
			name: "compare",
			args: []string{"compare", "-f", "html", "../../examples/riverside-nurses/"},
			h1:   "Riverside Palliative Care Nurses, 3 rounds", texts: []string{"2025-11-20", "2026-05-21", "2026-11-22"}, series: 3,
			legend: []string{"2025-11-20", "2026-05-21", "2026-11-22"},
		},
		{
			name: "communities",
			args: []string{"compare", "-f", "html", "../../examples/"},
			h1:   "3 communities, latest rounds", texts: []string{"Open Source Maintainers Circle"}, series: 3,
			legend: []string{"Northfield City Libraries Reference Network", "Open Source Maintainers Circle", "Riverside Palliative Care Nurses"},
		},
		{
			// Seven columns, with the targets: the widest page that has
			// to print on A4.
			name: "compare-all",
			args: []string{"compare", "-f", "html", "--all-rounds", "--policy", "../../examples/ci/cop-policy.yml", "../../examples/"},
			h1:   "3 communities, 7 rounds", texts: []string{"Open Source Maintainers Circle", "Target"}, series: 8, scrollsUnder: 640,
			legend: []string{
				"Northfield City Libraries Reference Network, 2026-03-10", "Northfield City Libraries Reference Network, 2026-10-14",
				"Open Source Maintainers Circle, 2026-02-02", "Open Source Maintainers Circle, 2026-09-01",
				"Riverside Palliative Care Nurses, 2025-11-20", "Riverside Palliative Care Nurses, 2026-05-21",
				"Riverside Palliative Care Nurses, 2026-11-22", targetsLegend,
			},
		},
		{
			name: "hostile-report",
			args: []string{"report", "-f", "html", "testdata/browser/hostile.yaml"},
			h1:   "<script>alert(1)</script>",
			texts: []string{"<img src=x onerror=alert(2)>", "</blockquote><script>alert(4)</script><b>bold?</b>",
				`<a href="javascript:alert(5)">click me</a> <style>body { display: none }</style>`, `"><svg onload=alert(6)>`},
			series: 1, legend: []string{"Scores, 2026-11-01"},
		},
		{
			name: "hostile-compare",
			args: []string{"compare", "-f", "html", "testdata/browser/hostile.yaml", "../../examples/city-libraries/2026-10-14.yaml"},
			h1:   "2 communities, latest rounds", texts: []string{"<script>alert(1)</script>"}, series: 2,
			legend: []string{"<script>alert(1)</script>", "Northfield City Libraries Reference Network"},
		},
	}
}

// TestBrowser opens cop's HTML reports in headless Chromium and checks that
// each renders with no console message, no exception, no dialog and no
// request beyond the file itself; that the radar is drawn (its polygons
// are there and the picture has the first round's colour in it); that the
// hostile community name and notes show as text and none of it runs; and
// that the page prints on A4. Screenshots and PDFs are kept in the test's
// artifact directory (go test -artifacts keeps them), and -update rewrites
// the README's screenshot (examples/report.png).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("opens Chromium")
	}
	bin := chromium(t)
	dir := t.TempDir()
	pages := browserPages()
	for i := range pages {
		p := &pages[i]
		out := filepath.Join(dir, p.name+".html")
		ios, _, _, stderr := iostreams.Test()
		if code := cli.Run(context.Background(), factory.New(ios), append(p.args, "-o", out)); code != 0 {
			t.Fatalf("cop %s: exit %d\n%s", strings.Join(p.args, " "), code, stderr)
		}
	}

	b := newBrowser(t, bin)
	t.Run("detects", func(t *testing.T) {
		// The checks below must be able to fail: a page that runs a script
		// is caught by each of them.
		bad := filepath.Join(dir, "bad.html")
		if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><title>bad</title><script>console.error("oops"); alert("hi"); fetch("http://127.0.0.1:9/x").catch(()=>{}); undefinedFn()</script>`), 0o644); err != nil {
			t.Fatal(err)
		}
		got := b.open(t, bad, 960)
		if len(got.console) == 0 || len(got.dialogs) == 0 || len(got.exceptions) == 0 || len(got.requests) == 0 {
			t.Errorf("a page with a script went unnoticed: console %q, dialogs %q, exceptions %q, requests %q",
				got.console, got.dialogs, got.exceptions, got.requests)
		}
	})
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			got := b.open(t, filepath.Join(dir, p.name+".html"), 960)
			for _, list := range [][]string{got.console, got.exceptions, got.dialogs, got.requests} {
				for _, m := range list {
					t.Error(m)
				}
			}
			facts, err := runOn(b.ctx, chromedp.Evaluate[pageFacts](factsJS))
			if err != nil {
				t.Fatal(err)
			}
			if facts.Scripts != 0 || facts.Foreign != 0 {
				t.Errorf("%d script and %d img/iframe/a/link/object/embed/style elements in the body, want none", facts.Scripts, facts.Foreign)
			}
			if facts.H1 != p.h1 {
				t.Errorf("h1 shows %q, want %q", facts.H1, p.h1)
			}
			if p.name == "hostile-report" && !strings.Contains(facts.Title, "<script>alert(1)</script>") {
				t.Errorf("the window title %q does not show the community's name as text", facts.Title)
			}
			for _, want := range p.texts {
				if !strings.Contains(facts.Text, want) {
					t.Errorf("the page does not show %q as text", want)
				}
			}
			if facts.Series != p.series || facts.Vertices < 3 {
				t.Errorf("radar: %d polygons and %d vertices, want %d polygons", facts.Series, facts.Vertices, p.series)
			}
			if facts.RadarWidth < 300 || facts.RadarHeight < 200 {
				t.Errorf("radar drawn %.0fx%.0f px, too small to read", facts.RadarWidth, facts.RadarHeight)
			}

			shot := b.screenshot(t)
			save(t, p.name+".png", shot)
			img, err := png.Decode(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			// The first round's colour (#0072b2) is on the radar: the SVG was
			// drawn, not just laid out.
			if n := countColor(img, 0x00, 0x72, 0xb2); n < 200 {
				t.Errorf("the screenshot has %d pixels of the radar's colour: the chart did not render", n)
			}
			if p.name == "report" && *update {
				if err := os.WriteFile(readmeScreenshot, shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			pdf := b.pdf(t)
			save(t, p.name+".pdf", pdf)
			// @page { size: A4 }: 210 x 297 mm is 595.28 x 841.89 points
			// (Chromium rounds to whole CSS pixels: 594.96 x 841.92).
			m := mediaBox.FindSubmatch(pdf)
			if m == nil {
				t.Fatal("no MediaBox in the printed PDF")
			}
			// The pattern matched digits and dots, which ParseFloat reads.
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			if math.Abs(w-595.28) > 1 || math.Abs(h-841.89) > 1 {
				t.Errorf("printed on %.2f x %.2f points, want A4 (595.28 x 841.89)", w, h)
			}
		})
	}
}

// TestBrowserLayout opens cop's HTML pages at a phone's width (390 CSS
// pixels, an iPhone 12 to 15) and a laptop's (1280) and checks that they
// read there: the page does not scroll sideways; no table is wider than
// the space it has (the report's dimension table was cut at "Lev..." on a
// phone); the radar's labels show at 11 px or more, however much the chart
// is scaled down, and none is cut off at its edge; and the legend names
// every polygon, the targets' dashed. Then it lays the pages out as for
// print, on the width of an A4 page less its margins, where the widest
// comparison (seven rounds and the targets) must fit as well.
func TestBrowserLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("opens Chromium")
	}
	bin := chromium(t)
	dir := t.TempDir()
	pages := browserPages()
	for _, p := range pages {
		out := filepath.Join(dir, p.name+".html")
		ios, _, _, stderr := iostreams.Test()
		if code := cli.Run(context.Background(), factory.New(ios), append(p.args, "-o", out)); code != 0 {
			t.Fatalf("cop %s: exit %d\n%s", strings.Join(p.args, " "), code, stderr)
		}
	}
	pages = append(pages, manyCommunities(t, dir)...)
	b := newBrowser(t, bin)
	t.Run("detects", func(t *testing.T) {
		// A page that is too wide, with a table cut off, a caption cut
		// mid-sentence, a heading broken inside a word and a radar whose
		// 13-unit labels are drawn 600 units wide in 300 px (6.5 px), one
		// of them past the edge: each check must catch it.
		bad := filepath.Join(dir, "bad.html")
		if err := os.WriteFile(bad, []byte(`<!DOCTYPE html><meta name="viewport" content="width=device-width">`+
			`<div style="width:500px">wide</div><div style="overflow:hidden;width:100px"><table><tr><td style="white-space:nowrap">a cell far too wide for its box</td></tr></table></div>`+
			`<svg class="radar" viewBox="0 0 600 460" style="width:300px"><text style="font-size:13px" x="10" y="20">small</text><text style="font-size:13px" x="590" y="40">cut off</text></svg>`+
			`<ul class="legend" aria-label="Polygons on the radar"><li>x</li></ul>`+
			`<div style="overflow-x:auto;width:200px"><table><caption>The grey line under each bar is the coverage</caption><thead><tr><th style="width:40px;overflow-wrap:anywhere">Maintainers Circle</th><td style="white-space:nowrap">a wide cell to make it scroll</td></tr></thead></table></div>`), 0o644); err != nil {
			t.Fatal(err)
		}
		b.open(t, bad, 390)
		got, err := runOn(b.ctx, chromedp.Evaluate[layoutFacts](layoutJS))
		if err != nil {
			t.Fatal(err)
		}
		if got.ScrollWidth <= got.InnerWidth || len(got.WideTables) == 0 || got.MinLabelPx > 7 || len(got.Clipped) != 1 ||
			len(got.CutCaptions) != 1 || !slices.Equal(got.BrokenWords, []string{"Maintainers", "Circle"}) || got.Hint {
			t.Errorf("a page laid out badly went unnoticed: %+v", got)
		}
	})
	for _, p := range pages {
		for _, width := range []int64{390, 1280} {
			t.Run(fmt.Sprintf("%s-%d", p.name, width), func(t *testing.T) {
				b.open(t, filepath.Join(dir, p.name+".html"), width)
				got, err := runOn(b.ctx, chromedp.Evaluate[layoutFacts](layoutJS))
				if err != nil {
					t.Fatal(err)
				}
				checkLayout(t, got, !p.noRadar)
				t.Logf("radar labels at %.1f px and more", got.MinLabelPx)
				scrolls := width < p.scrollsUnder
				if len(got.ScrollingTables) > 0 && !scrolls {
					t.Errorf("a table scrolls in its box: %q", got.ScrollingTables)
				}
				if scrolls && len(got.ScrollingTables) == 0 {
					t.Errorf("the grid fits at %d px: lower scrollsUnder in the page's expectations", width)
				}
				// A grid that scrolls says so: the scrollbar may be hidden
				// (phones show it only while scrolling).
				if len(got.ScrollingTables) > 0 && !got.Hint {
					t.Error("the grid scrolls in its box and no hint says so")
				}
				save(t, fmt.Sprintf("%s-%d.png", p.name, width), b.screenshot(t))
				if !slices.Equal(got.Legend, p.legend) {
					t.Errorf("the radar's legend reads %q, want %q", got.Legend, p.legend)
				}
				for i, name := range got.Legend {
					if dashed := slices.Contains(got.Dashed, i); dashed != (name == targetsLegend) {
						t.Errorf("legend entry %q: dashed %v, want %v", name, dashed, !dashed)
					}
				}
			})
		}
		if p.scrollsUnder > 1280 {
			// Forty columns cannot print on A4 in any layout of this grid.
			continue
		}
		t.Run(p.name+"-print", func(t *testing.T) {
			// An A4 page less @page's margins of 12 mm either side:
			// (210 - 24) mm x 96 px / 25.4 mm = 703 px.
			b.open(t, filepath.Join(dir, p.name+".html"), 703)
			if _, err := call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			defer call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
			got, err := runOn(b.ctx, chromedp.Evaluate[layoutFacts](layoutJS))
			if err != nil {
				t.Fatal(err)
			}
			if got.ScrollWidth > got.InnerWidth {
				t.Errorf("printed, the page is %d px wide, more than the %d px of an A4 page", got.ScrollWidth, got.InnerWidth)
			}
			for _, w := range got.WideTables {
				t.Errorf("printed, a table runs past the page: %s", w)
			}
		})
	}
}

// manyCommunities writes the latest rounds of 40 communities into dir
// (copies of the examples, renamed) and returns the pages that compare 5
// of them and all 40: five communities side by side no longer fit a phone,
// forty fit no screen and are too many for the radar.
func manyCommunities(t *testing.T, dir string) []browserPage {
	t.Helper()
	var src [3][]byte
	for i, f := range []string{"riverside-nurses/2026-11-22.yaml", "city-libraries/2026-10-14.yaml", "oss-maintainers/2026-09-01.yaml"} {
		b, err := os.ReadFile(filepath.Join("../../examples", f))
		if err != nil {
			t.Fatal(err)
		}
		src[i] = b
	}
	community := regexp.MustCompile(`(?m)^community: .*$`)
	// Long words that must not break: "Interprofessional", "Maintainers".
	five := []string{"Alpha Interprofessional Practice", "Borderlands Maintainers Circle", "Coastal Palliative Nurses Network",
		"Delta Reference Librarians", "Eastside Community Health Workers"}
	var fives []string
	for i := range 40 {
		name := fmt.Sprintf("Community number %02d of practitioners", i+1)
		if i < len(five) {
			name = five[i]
		}
		path := filepath.Join(dir, "many", fmt.Sprintf("c%02d.yaml", i+1))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, community.ReplaceAll(src[i%3], []byte("community: "+name)), 0o644); err != nil {
			t.Fatal(err)
		}
		if i < len(five) {
			fives = append(fives, path)
		}
	}
	pages := []browserPage{
		{name: "five", args: append([]string{"compare", "-f", "html"}, fives...), scrollsUnder: 640, legend: five},
		{name: "forty", args: []string{"compare", "-f", "html", filepath.Join(dir, "many")}, scrollsUnder: 1 << 20, noRadar: true},
	}
	for _, p := range pages {
		out := filepath.Join(dir, p.name+".html")
		ios, _, _, stderr := iostreams.Test()
		if code := cli.Run(context.Background(), factory.New(ios), append(p.args, "-o", out)); code != 0 {
			t.Fatalf("cop %s: exit %d\n%s", strings.Join(p.args, " "), code, stderr)
		}
	}
	return pages
}

// checkLayout reports what does not fit in a page laid out at one width:
// the page wider than the window, a table or a caption cut off, a heading
// broken inside a word, and, when the page has a radar, its labels too
// small or cut off.
func checkLayout(t *testing.T, got layoutFacts, radar bool) {
	t.Helper()
	if got.ScrollWidth > got.InnerWidth {
		t.Errorf("the page scrolls sideways: %d px wide in a %d px window", got.ScrollWidth, got.InnerWidth)
	}
	for _, w := range got.WideTables {
		t.Errorf("a table is cut off: %s", w)
	}
	for _, c := range got.CutCaptions {
		t.Errorf("a caption is cut off: %q", c)
	}
	for _, w := range got.BrokenWords {
		t.Errorf("a column heading breaks inside the word %q", w)
	}
	if !radar {
		if got.Labels != 0 {
			t.Errorf("%d radar labels on a page that should have no radar", got.Labels)
		}
		return
	}
	if got.Labels == 0 {
		t.Fatal("no label on the radar")
	}
	// 11 px is the smallest text most readers take in without zooming.
	if got.MinLabelPx < 11 {
		t.Errorf("the radar's smallest label shows at %.1f px (%s), want 11 or more", got.MinLabelPx, got.MinLabel)
	}
	for _, c := range got.Clipped {
		t.Errorf("a radar label runs past the chart's edge: %q", c)
	}
}

// layoutFacts is what layoutJS measures in a loaded page.
type layoutFacts struct {
	ScrollWidth, InnerWidth int
	// WideTables describes each table wider than the box that holds it,
	// which cuts it off; ScrollingTables each one wider than a box that
	// scrolls.
	WideTables, ScrollingTables []string
	// Labels counts the radar's text elements; MinLabelPx is the smallest
	// size, in CSS pixels, that one of them is shown at, and MinLabel its text.
	Labels     int
	MinLabelPx float64
	MinLabel   string
	// Clipped lists the labels that reach past the radar's edge.
	Clipped []string
	// CutCaptions lists the tables' captions (a caption element, or the
	// grid's p.caption) whose text does not all show: wider than their
	// box, or reaching past a box that clips or scrolls, or the window.
	CutCaptions []string
	// BrokenWords lists the words of column headings (runs of letters and
	// digits) that are laid out on more than one line.
	BrokenWords []string
	// Hint is whether a hint to scroll (p.hint) shows.
	Hint bool
	// Legend is the text of each entry of the radar's legend, and Dashed
	// the indexes of those whose swatch is a dashed line.
	Legend []string
	Dashed []int
}

// layoutJS measures a page as it is laid out. A radar label's size is its
// font size in the SVG's units times the SVG's scale to the screen
// (getScreenCTM), as the chart shrinks with the window.
const layoutJS = `(() => {
	const out = {
		ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
		WideTables: [], ScrollingTables: [], Labels: 0, MinLabelPx: 1e9, MinLabel: "", Clipped: [], Legend: [], Dashed: [],
		CutCaptions: [], BrokenWords: [], Hint: false,
	};
	for (const c of document.querySelectorAll("caption, .caption")) {
		const r = c.getBoundingClientRect();
		let cut = c.scrollWidth > c.clientWidth + 0.5 || r.left < -0.5 || r.right > window.innerWidth + 0.5;
		for (let a = c.parentElement; a && a !== document.body; a = a.parentElement) {
			if (getComputedStyle(a).overflowX === "visible") continue;
			const box = a.getBoundingClientRect();
			if (r.left < box.left - 0.5 || r.right > box.right + 0.5) cut = true;
		}
		if (cut) out.CutCaptions.push(c.textContent.slice(0, 60));
	}
	// A word (a run of letters and digits: a soft hyphen or punctuation,
	// where the text itself allows a break, ends one) broken across lines
	// has its letters on two lines.
	for (const th of document.querySelectorAll("thead th")) {
		const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			for (const m of n.data.matchAll(/[\p{L}\p{N}]+/gu)) {
				const tops = new Set();
				for (let i = m.index; i < m.index + m[0].length; i++) {
					const range = document.createRange();
					range.setStart(n, i);
					range.setEnd(n, i + 1);
					// The letter's own box is its range's last: a letter
					// after a soft hyphen that broke the line also gets the
					// hyphen's, on the line before.
					const boxes = range.getClientRects(), b = boxes[boxes.length - 1];
					if (b && b.width > 0) tops.add(Math.round(b.top));
				}
				if (tops.size > 1) out.BrokenWords.push(m[0]);
			}
		}
	}
	for (const h of document.querySelectorAll(".hint")) {
		const r = h.getBoundingClientRect();
		if (r.width > 0 && r.height > 0 && getComputedStyle(h).visibility === "visible") out.Hint = true;
	}
	for (const table of document.querySelectorAll("table")) {
		const have = table.parentElement.clientWidth, need = table.getBoundingClientRect().width;
		if (need > have + 0.5) {
			const what = table.querySelector("caption, thead") || table;
			const scrolls = ["auto", "scroll"].includes(getComputedStyle(table.parentElement).overflowX);
			(scrolls ? out.ScrollingTables : out.WideTables).push(Math.round(need) + " px in " + have + " px: " + what.textContent.slice(0, 60));
		}
	}
	const svg = document.querySelector("svg.radar");
	if (svg) {
		const scale = svg.getScreenCTM().a, box = svg.getBoundingClientRect();
		for (const text of svg.querySelectorAll("text")) {
			out.Labels++;
			for (const el of [text, ...text.querySelectorAll("tspan")]) {
				const px = parseFloat(getComputedStyle(el).fontSize) * scale;
				if (px < out.MinLabelPx) { out.MinLabelPx = px; out.MinLabel = el.textContent; }
			}
			const r = text.getBoundingClientRect();
			if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
				out.Clipped.push(text.textContent);
			}
		}
	}
	document.querySelectorAll('ul.legend[aria-label="Polygons on the radar"] > li').forEach((li, i) => {
		out.Legend.push(li.textContent);
		if (li.querySelector("svg line[stroke-dasharray]")) out.Dashed.push(i);
	});
	return out;
})()`

// pageFacts is what factsJS reads from a loaded page.
type pageFacts struct {
	Scripts, Foreign, Series, Vertices int
	H1, Text, Title                    string
	RadarWidth, RadarHeight            float64
}

// factsJS runs in the page (through DevTools: the page itself has no
// script) and reads what it shows.
const factsJS = `(() => {
	const r = document.querySelector("svg.radar");
	const box = r ? r.getBoundingClientRect() : {width: 0, height: 0};
	return {
		Scripts: document.scripts.length,
		Foreign: document.querySelectorAll("img, iframe, a, link, object, embed, body style").length,
		Series: document.querySelectorAll("svg.radar g.series").length,
		Vertices: document.querySelectorAll("svg.radar circle.vertex").length,
		H1: document.querySelector("h1").textContent,
		Text: document.body.innerText,
		Title: document.title,
		RadarWidth: box.width, RadarHeight: box.height,
	};
})()`

// browser is one headless Chromium with a fresh profile, reused for every
// page, one tab at a time. Its context has no deadline of its own: each
// operation on it has one (opTimeout, through do, runOn, call and
// callBrowser), so that an operation that hangs fails its own test and
// leaves the browser to the tests after it.
type browser struct {
	ctx context.Context
}

// opTimeout bounds one operation on the browser (a navigation, a click,
// an evaluation). Each takes milliseconds, and a second or two on a loaded
// two-core CI machine; one that takes this long is stuck. A deadline on
// the whole browser instead made one stuck click (a 114 s hang, under
// load) fail every subtest after it with "context deadline exceeded".
const opTimeout = 30 * time.Second

// do runs actions on the tab with opTimeout.
func do(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// runOn runs an action that returns a value on the tab with opTimeout.
func runOn[T any](ctx context.Context, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// call sends one protocol command to the tab with opTimeout.
func call[P, R any](ctx context.Context, cmd cdp.Command[P, R], params P) (R, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	return chromedp.Call(ctx, cmd, params)
}

// callBrowser sends one protocol command to the browser with opTimeout.
func callBrowser[P, R any](ctx context.Context, cmd cdp.Command[P, R], params P) (R, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	return chromedp.CallBrowser(ctx, cmd, params)
}

func newBrowser(t testing.TB, bin string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // CI containers run as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
	}
	ctx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser, and a deadline on its context
	// would stop the browser when it passed: bound it from the side.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("starting %s: %v", bin, err)
		}
	case <-time.After(opTimeout):
		cancel()
		t.Fatalf("%s did not start within %v", bin, opTimeout)
	}
	return &browser{ctx: ctx}
}

// visit is what the browser saw while loading a page.
type visit struct {
	console, exceptions, dialogs, requests []string
}

// open loads a file in the tab, width CSS pixels wide, and records every console message,
// exception, dialog and network request until it has loaded.
func (b *browser) open(t *testing.T, path string, width int64) *visit {
	t.Helper()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	var mu sync.Mutex
	v := &visit{}
	lctx, stop := context.WithCancel(b.ctx)
	defer stop()
	err := chromedp.Listen(lctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			v.console = append(v.console, fmt.Sprintf("console.%s called", ev.Type))
		case *runtime.EventExceptionThrown:
			v.exceptions = append(v.exceptions, "exception: "+ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				v.console = append(v.console, "browser log error: "+ev.Entry.Text)
			}
		case *page.EventJavascriptDialogOpening:
			v.dialogs = append(v.dialogs, fmt.Sprintf("a %s dialog opened: %q", ev.Type, ev.Message))
			// A dialog blocks the page until it is answered; answer from
			// another goroutine, as a listener must not send commands.
			go call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != u {
				v.requests = append(v.requests, "request for "+ev.Request.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := do(b.ctx, chromedp.EmulateViewport(width, 1250), chromedp.Navigate(u)); err != nil {
		t.Fatalf("opening %s: %v", u, err)
	}
	// Give late events (a script's timer, a dialog) a moment to arrive.
	if err := do(b.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return &visit{console: v.console, exceptions: v.exceptions, dialogs: v.dialogs, requests: v.requests}
}

func (b *browser) screenshot(t *testing.T) []byte {
	t.Helper()
	shot, err := runOn(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	return shot
}

func (b *browser) pdf(t *testing.T) []byte {
	t.Helper()
	pdf, err := runOn(b.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// save keeps a file in the test's artifact directory.
func save(t *testing.T, name string, data []byte) {
	t.Helper()
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", path)
}

// countColor counts the pixels within a small distance of a colour.
func countColor(img image.Image, r, g, b uint8) int {
	n := 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if near(pr>>8, r) && near(pg>>8, g) && near(pb>>8, b) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, want uint8) bool {
	d := int(v) - int(want)
	return d >= -12 && d <= 12
}
