package site

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/annex-tools/annex/diff"
	"github.com/annex-tools/annex/internal/browsertest"
)

// browser drives headless Chromium over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4), so
// the test needs no WebSocket library. It records every request the page
// makes and every console message, exception and log entry.
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	out     *os.File
	session string

	mu       sync.Mutex
	next     int
	pending  map[int]chan cdpMsg
	loads    int
	requests []string
	problems []string
}

type cdpMsg struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *struct{ Message string }
	SessionID string `json:"sessionId,omitempty"`
}

func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	// The profile directory is removed by hand once the whole process group
	// has gone: Chromium's helper processes may still write to it after the
	// browser itself is killed, and t.TempDir would then fail the test.
	profile, err := os.MkdirTemp("", "annex-site-browser-")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
		"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-extensions", "--user-data-dir="+profile, "about:blank")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.ExtraFiles = []*os.File{inR, outW} // fd 3: commands to the browser; fd 4: its answers
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	inR.Close()
	outW.Close()
	b := &browser{t: t, cmd: cmd, out: inW, pending: make(map[int]chan cdpMsg)}
	t.Cleanup(func() {
		inW.Close()
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the browser and its helpers
		cmd.Wait()
		for i := 0; i < 20; i++ { // helpers may take a moment to go
			if os.RemoveAll(profile) == nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	go b.read(bufio.NewReader(outR))
	var target struct{ TargetID string }
	b.call("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable", "Network.enable"} {
		b.call(b.session, m, nil, nil)
	}
	return b
}

func (b *browser) read(r *bufio.Reader) {
	for {
		data, err := r.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMsg
		if json.Unmarshal(data[:len(data)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch := b.pending[m.ID]; ch != nil {
				ch <- m
				delete(b.pending, m.ID)
			}
		} else {
			b.event(m)
		}
		b.mu.Unlock()
	}
}

// event records what the checks need; called with mu held.
func (b *browser) event(m cdpMsg) {
	switch m.Method {
	case "Page.loadEventFired":
		b.loads++
	case "Network.requestWillBeSent":
		var p struct{ Request struct{ URL string } }
		json.Unmarshal(m.Params, &p)
		b.requests = append(b.requests, p.Request.URL)
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string
			Args []struct {
				Value       any
				Description string
			}
		}
		json.Unmarshal(m.Params, &p)
		b.problems = append(b.problems, fmt.Sprintf("console.%s %v", p.Type, p.Args))
	case "Runtime.exceptionThrown":
		b.problems = append(b.problems, "exception: "+string(m.Params))
	case "Log.entryAdded":
		var p struct {
			Entry struct{ Level, Source, Text, URL string }
		}
		json.Unmarshal(m.Params, &p)
		if p.Entry.Level == "error" || p.Entry.Level == "warning" {
			b.problems = append(b.problems, fmt.Sprintf("log %s (%s): %s %s", p.Entry.Level, p.Entry.Source, p.Entry.Text, p.Entry.URL))
		}
	}
}

func (b *browser) call(session, method string, params any, result any) {
	b.t.Helper()
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan cdpMsg, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := b.out.Write(append(data, 0)); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			b.t.Fatalf("%s: %s", method, m.Error.Message)
		}
		if result != nil {
			if err := json.Unmarshal(m.Result, result); err != nil {
				b.t.Fatalf("%s: %v", method, err)
			}
		}
	case <-time.After(30 * time.Second):
		b.t.Fatalf("%s: no answer from the browser", method)
	}
}

// eval evaluates a script expression in the page and returns its value.
func (b *browser) eval(expr string) any {
	b.t.Helper()
	var r struct {
		Result           struct{ Value any }
		ExceptionDetails *struct{ Text string }
	}
	b.call(b.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("evaluate %s: %s", expr, r.ExceptionDetails.Text)
	}
	return r.Result.Value
}

func (b *browser) str(expr string) string {
	b.t.Helper()
	s, _ := b.eval(expr).(string)
	return s
}

// loaded runs act (a navigation or a click) and waits for the next page load.
func (b *browser) loaded(act func()) {
	b.t.Helper()
	b.mu.Lock()
	n := b.loads
	b.mu.Unlock()
	act()
	b.waitFor(func() bool { b.mu.Lock(); defer b.mu.Unlock(); return b.loads > n }, "page load")
}

func (b *browser) waitFor(ok func() bool, what string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for !ok() {
		select {
		case <-ctx.Done():
			b.t.Fatalf("timed out waiting for %s", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

func (b *browser) navigate(url string) {
	b.t.Helper()
	b.loaded(func() { b.call(b.session, "Page.navigate", map[string]any{"url": url}, nil) })
}

// click follows the link selected by sel and returns its href.
func (b *browser) click(sel string) string {
	b.t.Helper()
	js, _ := json.Marshal(sel)
	href := b.str(fmt.Sprintf(`(function(){var a=document.querySelector(%s); return a ? a.href : ""})()`, js))
	if href == "" {
		b.t.Fatalf("%s: no such link on %s", sel, b.str("location.href"))
	}
	b.loaded(func() { b.eval(fmt.Sprintf(`document.querySelector(%s).click()`, js)) })
	return href
}

func (b *browser) takeProblems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// TestBrowser opens the site of the sample revisions from disk in headless
// Chromium and walks it as a reader would: index → revision → entry history
// → change, a search, a comparison of two revisions, and the pages with
// scripts blocked. No page may log to the console or request anything
// outside the site.
func TestBrowser(t *testing.T) {
	bin := browsertest.Chromium(t)
	st := sampleStore(t)
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Build(st, dir, Options{}); err != nil {
		t.Fatal(err)
	}
	root := "file://" + dir + "/"
	b := startBrowser(t, bin)

	// index → revision → entry history → change
	b.navigate(root + "index.html")
	if h := b.str(`document.querySelector("h1").textContent`); !strings.Contains(h, "MTCR") {
		t.Errorf("index h1 = %q", h)
	}
	if got := b.click(`table.revlist tbody tr:first-child th a`); got != root+"rev/2024-03-14.html" {
		t.Errorf("first revision link = %s", got)
	}
	if n := b.eval(`document.querySelectorAll(".e[id^='e-']").length`); n != float64(258) {
		t.Errorf("revision page has %v entry anchors, want 258", n)
	}
	b.click(`#e-4\.C\.2\.b\.7 > .et > a.id`)
	if h := b.str(`location.pathname`); !strings.HasSuffix(h, "/entry/4.C.2.b.7.html") {
		t.Fatalf("entry link led to %s", h)
	}
	if s := b.str(`document.querySelector(".notice").textContent`); !strings.Contains(s, "numbered 2 different entries") {
		t.Errorf("entry page notice = %q", s)
	}
	change := b.click(`.step.k-renumbered a[href*="changes/"]`)
	// The first entry 4.C.2.b.7 numbered became 4.C.2.b.8.
	if !strings.HasSuffix(change, "changes/2023-06-15..2024-03-14.html#e-4.C.2.b.8") {
		t.Errorf("change link = %s", change)
	}
	if s := b.str(`document.querySelector(":target") ? document.querySelector(":target").textContent : ""`); !strings.Contains(s, "4.C.2.b.7→4.C.2.b.8") {
		t.Errorf("the change link's target = %q", s)
	}
	// and back: the report links to the revision's text
	if got := b.click(`nav.site a[href$="rev/2024-03-14.html"]`); got != root+"rev/2024-03-14.html" {
		t.Errorf("report's link to the text = %s", got)
	}

	// Structure for assistive technology, on every kind of page: one h1,
	// no skipped heading level, the landmarks, and a skip link that the
	// first Tab reaches and that moves to the main content.
	for _, p := range []string{"index.html", "rev/2023-06-15.html", "entry/4.C.2.b.6.html", "compare.html", "search.html"} {
		b.navigate(root + p)
		got := b.str(`(function(){
			var hs = Array.prototype.map.call(document.querySelectorAll("h1,h2,h3,h4,h5,h6"), function(h){ return +h.tagName[1]; });
			var bad = [];
			if (hs.filter(function(l){ return l === 1; }).length !== 1 || hs[0] !== 1) bad.push("not one h1 first");
			for (var i = 1; i < hs.length; i++) if (hs[i] > hs[i-1] + 1) { bad.push("h" + hs[i-1] + " then h" + hs[i]); break; }
			["header", "nav", "main", "footer"].forEach(function(l){ if (!document.querySelector(l)) bad.push("no " + l); });
			if (!document.documentElement.lang) bad.push("no lang");
			return bad.join("; ");
		})()`)
		if got != "" {
			t.Errorf("%s: %s", p, got)
		}
		for _, typ := range []string{"keyDown", "keyUp"} {
			b.call(b.session, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9}, nil)
		}
		if f := b.str(`document.activeElement.className`); f != "skip" {
			t.Errorf("%s: the first Tab focuses %q, want the skip link", p, f)
		}
		for _, typ := range []string{"keyDown", "keyUp"} {
			b.call(b.session, "Input.dispatchKeyEvent", map[string]any{"type": typ, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}, nil)
		}
		b.waitFor(func() bool { return b.str(`location.hash`) == "#main" }, p+": Enter on the skip link")
	}

	// On a phone (375 CSS pixels wide) no page scrolls sideways; in print
	// the navigation is hidden.
	b.call(b.session, "Emulation.setDeviceMetricsOverride", map[string]any{"width": 375, "height": 700, "deviceScaleFactor": 2, "mobile": true}, nil)
	for _, p := range []string{"index.html", "rev/2024-03-14.html", "entry/4.C.2.b.6.html", "compare.html", "search.html", "changes/2023-06-15..2024-03-14.html"} {
		b.navigate(root + p)
		if w := b.eval(`document.documentElement.scrollWidth`); w.(float64) > 375 {
			t.Errorf("%s on a phone: %v pixels wide, wider than the screen", p, w)
		}
	}
	b.call(b.session, "Emulation.clearDeviceMetricsOverride", nil, nil)
	b.call(b.session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil)
	if d := b.str(`getComputedStyle(document.querySelector(".top nav")).display`); d != "none" {
		t.Errorf("in print the site navigation shows (display %q)", d)
	}
	b.call(b.session, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil)

	// search
	b.navigate(root + "search.html")
	b.eval(`(function(){var q=document.getElementById("q"); q.value="4.C.2.b"; q.dispatchEvent(new Event("input"));})()`)
	first := b.str(`document.querySelector("#q-results li a").textContent`)
	if !strings.HasPrefix(first, "4.C.2.b") {
		t.Errorf("search 4.C.2.b: first result %q", first)
	}
	b.eval(`(function(){var q=document.getElementById("q"); q.value="hydrazine hydrate"; q.dispatchEvent(new Event("input"));})()`)
	if n := b.eval(`document.querySelectorAll("#q-results li").length`); n == float64(0) {
		t.Error("search for words found nothing")
	}
	b.click(`#q-results li a`)
	if p := b.str(`location.pathname`); !strings.Contains(p, "/entry/") {
		t.Errorf("search result led to %s", p)
	}

	// compare two revisions
	b.navigate(root + "compare.html")
	b.eval(`document.getElementById("cmp-old").value="2023-06-15"; document.getElementById("cmp-new").value="2024-03-14"; document.getElementById("cmp-go").click()`)
	b.waitFor(func() bool { return b.str(`document.documentElement.getAttribute("data-compared") || ""`) != "" }, "the comparison")
	res, err := st.Diff("2023-06-15", "2024-03-14")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, c := range res.Changes {
		if c.Target == diff.TargetEntry && c.Kind != diff.Modified {
			want[string(c.Kind)]++
		}
	}
	for kind, n := range want {
		got := b.eval(fmt.Sprintf(`document.querySelectorAll("#cmp-result article.k-%s").length`, kind))
		if got != float64(n) {
			t.Errorf("compare: %v %s entries, the diff has %d", got, kind, n)
		}
	}
	// A change marked editorial is one the diff engine calls editorial
	// (compare does not follow renumbered references, so it may mark fewer).
	editorial := map[string]bool{}
	for _, c := range res.Changes {
		if c.Target == diff.TargetEntry && c.Kind == diff.Modified && c.Editorial {
			editorial[c.NewID] = true
		}
	}
	marked := b.str(`Array.from(document.querySelectorAll("#cmp-result article.k-modified")).filter(a => a.querySelector(".badge.ed")).map(a => a.querySelector(".id").textContent).join(" ")`)
	if marked == "" {
		t.Error("compare marks no change editorial; the samples have editorial changes")
	}
	for _, id := range strings.Fields(marked) {
		if !editorial[id] {
			t.Errorf("compare marks %s editorial, the diff does not", id)
		}
	}
	t.Logf("compare marks %d changes editorial, the diff %d", len(strings.Fields(marked)), len(editorial))
	if s := b.str(`document.querySelector("#cmp-result").textContent`); !strings.Contains(s, "full report") {
		t.Error("comparing consecutive revisions does not link their report")
	}

	if p := b.takeProblems(); len(p) > 0 {
		t.Errorf("console, exceptions or log:\n%s", strings.Join(p, "\n"))
	}

	// Scripts blocked: the pair's report and the list of pairs still work.
	b.call(b.session, "Emulation.setScriptExecutionDisabled", map[string]any{"value": true}, nil)
	b.navigate(root + "changes/2023-06-15..2024-03-14.html")
	if n := b.eval(`document.querySelectorAll("article.chg").length`); n == float64(0) {
		t.Error("without scripts, the report shows no change")
	}
	b.navigate(root + "compare.html")
	if n := b.eval(`document.querySelectorAll("a[href^='changes/']").length`); n != float64(1) {
		t.Errorf("without scripts, compare lists %v pair pages, want 1", n)
	}
	b.call(b.session, "Emulation.setScriptExecutionDisabled", map[string]any{"value": false}, nil)

	if p := b.takeProblems(); len(p) > 0 {
		t.Errorf("console, exceptions or log:\n%s", strings.Join(p, "\n"))
	}
	b.mu.Lock()
	reqs := b.requests
	b.mu.Unlock()
	if len(reqs) < 8 {
		t.Errorf("only %d requests recorded; is the network log working?", len(reqs))
	}
	for _, u := range reqs {
		if !strings.HasPrefix(u, root) && u != "about:blank" {
			t.Errorf("request outside the site: %s", u)
		}
	}

	// The checks above can fail: a script the policy does not allow logs
	// a violation, and it is caught.
	b.navigate(root + "index.html")
	b.eval(`(function(){var s=document.createElement("script"); s.textContent="document.title='x'"; document.body.appendChild(s);})()`)
	b.waitFor(func() bool { b.mu.Lock(); defer b.mu.Unlock(); return len(b.problems) > 0 }, "the violation to be logged")
	t.Logf("%d requests, all inside the site; the planted violation logged: %s", len(reqs), b.takeProblems()[0])
	if b.str(`document.title`) == "x" {
		t.Error("an inline script ran despite the Content-Security-Policy")
	}
}
