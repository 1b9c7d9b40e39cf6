package gen

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/annex-tools/annex/model"
)

// Vocabulary of the generated annexes: synthetic, in the manner of the MTCR
// annex. Some words are British spellings, so that edits can switch them.
var (
	adjectives = []string{
		"Liquid", "Solid", "Hybrid", "Inertial", "Thermal", "Pyrolytic", "Composite", "Radial",
		"Ceramic", "Cryogenic", "Hermetic", "Gimballed", "Digital", "Optical", "Pneumatic",
		"Hydraulic", "Vibration-isolated", "Ablative", "Refractory", "Magnetic", "Acoustic",
		"Piezoelectric", "Turbine-driven", "Air-breathing", "Miniature", "Ruggedised",
		"Multi-axis", "Closed-loop", "High-temperature", "Low-noise", "Lightweight", "Modular",
	}
	nouns = []string{
		"rocket engines", "servo valves", "accelerometers", "gyroscopes", "ball bearings",
		"turbopumps", "nozzles", "igniters", "propellant tanks", "flow controllers",
		"pressure regulators", "heat exchangers", "actuators", "thrust chambers", "gas generators",
		"combustion chambers", "motor cases", "insulation liners", "filament winding machines",
		"spin forming machines", "isostatic presses", "vibration test systems", "wind tunnels",
		"test benches", "telemetry transmitters", "antennas", "radomes", "fuzing systems",
		"batteries", "altimeters", "star trackers", "receivers", "flight control computers",
		"centrifuges", "furnaces", "mixers", "fibre preforms", "oxidiser feed systems",
		"guidance computers", "colour cameras", "metering pumps", "centre bodies",
	}
	uses = []string{
		"designed or modified for the systems specified in %s",
		"usable in the systems specified in %s",
		"specially designed for the subsystems specified in %s",
		"designed for use in the equipment specified in %s",
		"usable in the test programme of the systems specified in %s",
	}
	properties = []struct {
		what string
		unit []string // units that fit, one chosen
		lo   int      // range of values
		hi   int
	}{
		{"a thrust", []string{"kN"}, 5, 900},
		{"a total impulse capacity", []string{"kN·s", "Ns"}, 100, 9000},
		{"an operating pressure", []string{"MPa", "bar"}, 2, 300},
		{"a flow rate", []string{"litres per minute"}, 5, 400},
		{"an operating temperature", []string{"K"}, 200, 3000},
		{"a mass", []string{"kg"}, 1, 2000},
		{"a range", []string{"km"}, 50, 3000},
		{"a rotor speed", []string{"rpm"}, 1000, 60000},
		{"a response time", []string{"ms"}, 1, 500},
		{"a bias stability", []string{"percent"}, 1, 20},
		{"a vibration level", []string{"g rms"}, 2, 40},
		{"a diameter", []string{"mm"}, 5, 3000},
		{"a frequency", []string{"Hz", "kHz", "GHz"}, 1, 900},
		{"a length", []string{"metres"}, 1, 40},
		{"a specific fuel consumption", []string{"kg N⁻¹ h⁻¹"}, 1, 9},
	}
	comparatorsLower = []string{"equal to or greater than", "greater than", "more than", "exceeding", "at least"}
	comparatorsUpper = []string{"less than", "not exceeding", "up to", "equal to or less than"}
	qualifiers       = []string{
		"and designed for use at altitudes above 15 km", "operating in a vacuum",
		"with a centre of gravity adjustable in flight", "for modelling of flight behaviour",
		"in a hermetically sealed housing", "with a redundant electronic controller",
		"capable of operating in a radiation environment", "having a self-test capability",
		"qualified for the launch environment", "made of fibre-reinforced materials",
	}
	generic = []string{
		"Specially designed components for them.",
		"Specially designed components for them;",
		"Parts and accessories therefor.",
	}
	terms = []string{
		"Accuracy", "Payload", "Range", "Software", "Technology", "Production", "Development",
		"Microcircuit", "Guidance set", "Programme", "Radiation hardened", "Technical data",
		"Use", "Stability", "Drift rate", "Repeatability", "Production equipment", "Hybrid rocket motor",
	}
	groupTitles = []string{
		"EQUIPMENT, ASSEMBLIES AND COMPONENTS", "TEST AND PRODUCTION EQUIPMENT", "MATERIALS",
		"SOFTWARE", "TECHNOLOGY",
	}
	itemTitles = []string{
		"COMPLETE DELIVERY SYSTEMS", "COMPLETE SUBSYSTEMS", "PROPULSION COMPONENTS AND EQUIPMENT",
		"PROPELLANTS AND CHEMICALS", "STRUCTURAL MATERIALS", "AVIONICS", "FLIGHT CONTROL",
		"LAUNCH SUPPORT", "COMPUTERS", "ANALOGUE TO DIGITAL CONVERTERS", "TEST FACILITIES",
		"MODELLING AND SIMULATION", "STEALTH", "NUCLEAR EFFECTS PROTECTION", "INSTRUMENTATION",
	}
	replacements = []string{
		"redundant", "reusable", "expendable", "stationary", "mobile", "sealed", "cooled",
		"heated", "shielded", "armoured", "integrated", "portable", "autonomous", "tethered",
	}
)

// phraser writes entry texts.
type phraser struct {
	rng  *rand.Rand
	ids  []string // ids generated so far, for cross references
	used map[string]bool
}

func (p *phraser) pick(list []string) string { return list[p.rng.IntN(len(list))] }

// ref returns a cross reference to an earlier entry or a group.
func (p *phraser) ref(item int) string {
	if len(p.ids) > 0 && p.rng.IntN(3) > 0 {
		return p.ids[p.rng.IntN(len(p.ids))] + "."
	}
	n := 1 + p.rng.IntN(max(1, item))
	if n%5 == 0 {
		n-- // every fifth item is reserved
	}
	return model.GroupID(n, "A") + "."
}

// quantity returns a threshold phrase such as "a thrust greater than 90 kN".
func (p *phraser) quantity() string {
	pr := properties[p.rng.IntN(len(properties))]
	v := pr.lo + p.rng.IntN(pr.hi-pr.lo+1)
	num := strconv.Itoa(v)
	if v >= 1000 && p.rng.IntN(2) == 0 {
		num = strconv.Itoa(v/1000) + "," + fmt.Sprintf("%03d", v%1000)
	}
	if pr.what == "a specific fuel consumption" {
		num = "0." + strconv.Itoa(v)
	}
	unit := pr.unit[p.rng.IntN(len(pr.unit))]
	if p.rng.IntN(2) == 0 {
		return pr.what + " " + p.pick(comparatorsLower) + " " + num + " " + unit
	}
	if p.rng.IntN(3) == 0 {
		return pr.what + " of " + num + " " + unit + " or less"
	}
	return pr.what + " " + p.pick(comparatorsUpper) + " " + num + " " + unit
}

// subject returns a fresh noun phrase, unique within the annex where it can.
func (p *phraser) subject() string {
	for try := 0; ; try++ {
		s := p.pick(adjectives) + " " + p.pick(nouns)
		if try > 3 {
			s = p.pick(adjectives) + ", " + strings.ToLower(s)
		}
		if !p.used[s] || try > 8 {
			p.used[s] = true
			return s
		}
	}
}

// entryText returns the text of an entry: a subject, a use, thresholds.
func (p *phraser) entryText(item, depth int, hasChildren, last bool) string {
	var b strings.Builder
	b.WriteString(p.subject())
	if p.rng.IntN(3) > 0 {
		b.WriteString(", " + fmt.Sprintf(p.pick(uses), p.ref(item)))
	}
	if p.rng.IntN(2) == 0 {
		b.WriteString(", having " + p.quantity())
		if p.rng.IntN(3) == 0 {
			b.WriteString(" and " + p.quantity())
		}
	}
	if p.rng.IntN(4) == 0 {
		b.WriteString(", " + p.pick(qualifiers))
	}
	if p.rng.IntN(4) == 0 {
		t := strings.ToLower(p.pick(terms))
		b.WriteString(", for a \"" + t + "\"")
	}
	switch {
	case hasChildren:
		if p.rng.IntN(2) == 0 {
			b.WriteString(", having all of the following:")
		} else {
			b.WriteString(", as follows:")
		}
	case depth == 1:
		b.WriteString(".")
	case last:
		b.WriteString(".")
	default:
		b.WriteString(p.pick([]string{";", ";", "; or", "; and"}))
	}
	return b.String()
}

func (p *phraser) notes(id string) []model.Note {
	switch p.rng.IntN(10) {
	case 0:
		return []model.Note{{Kind: model.KindNote, Text: id + ". does not control " + strings.ToLower(p.subject()) + " designed for civil aircraft."}}
	case 1:
		return []model.Note{{Kind: model.KindTechnicalNote, Text: "In " + id + ". the " + strings.TrimPrefix(strings.TrimPrefix(properties[p.rng.IntN(len(properties))].what, "an "), "a ") + " is measured at 293 K (20 °C) at sea level."}}
	case 2:
		return []model.Note{
			{Kind: model.KindNote, Label: "1", Text: id + ". includes " + strings.ToLower(p.subject()) + " of the type described in " + p.ref(1) + "."},
			{Kind: model.KindNote, Label: "2", Text: "Items specified in " + id + ". exported as spare parts for a system specified in 1.A. remain Category I items."},
		}
	}
	return []model.Note{}
}

// Annex builds a realistic annex from seed: items 1 to items (every fifth one
// reserved), each with groups A to E, entries nested up to four levels with
// alternating markers, notes (some referring to their own entry), thresholds
// with units, cross references to earlier entries and quoted defined terms.
// scale sets the size: about 25 entries per item (as in the real annex's
// first items) for scale 1, and proportionally more for larger scales
// (Annex(seed, 10, 100) has about 26,000 entries).
func Annex(seed uint64, items, scale int) *model.Annex {
	rng := rand.New(rand.NewPCG(seed, 0x616e6e6578))
	p := &phraser{rng: rng, used: make(map[string]bool)}
	a := &model.Annex{
		Schema: model.Schema,
		Meta: model.Meta{
			Regime: "MTCR", DocID: fmt.Sprintf("GEN/%d/Annex", seed), Date: "2025-01-01",
			Title:  "Equipment, Software and Technology Annex",
			Source: model.Source{Name: fmt.Sprintf("gen-%d.json", seed), Format: "json"},
		},
	}
	for _, t := range terms {
		a.Definitions = append(a.Definitions, model.Definition{
			Term: t, Text: "The " + strings.ToLower(p.subject()) + " " + p.quantity() + ", as used in " + p.ref(1) + ".",
		})
	}
	for n := 1; n <= items; n++ {
		cat := "II"
		if n <= 2 {
			cat = "I"
		}
		it := model.Item{Number: n, Category: cat, Title: itemTitles[(n-1)%len(itemTitles)]}
		if n%5 == 0 && items > 4 {
			it.Reserved = true
			it.Title = "RESERVED FOR FUTURE USE"
			it.Groups = []model.Group{}
			a.Items = append(a.Items, it)
			continue
		}
		for g, letter := range []string{"A", "B", "C", "D", "E"} {
			grp := model.Group{Letter: letter, Title: groupTitles[g], Entries: []model.Entry{}}
			count := scale * (1 + rng.IntN(3))
			if letter == "C" && rng.IntN(4) == 0 {
				count = 0 // "None."
			}
			gid := model.GroupID(n, letter)
			for k := 1; k <= count; k++ {
				grp.Entries = append(grp.Entries, p.entry(gid, 1, k, n, false))
			}
			it.Groups = append(it.Groups, grp)
		}
		a.Items = append(a.Items, it)
	}
	return a
}

// entry builds entry number k at depth under parent id pid, with its
// children.
func (p *phraser) entry(pid string, depth, k, item int, last bool) model.Entry {
	id := pid + "." + model.Marker(depth, k)
	nkids := 0
	if depth < 4 && p.rng.IntN(depth+2) == 0 {
		nkids = 2 + p.rng.IntN(4)
	}
	e := model.Entry{ID: id, Notes: p.notes(id), Children: []model.Entry{}}
	if depth > 1 && nkids == 0 && last && p.rng.IntN(3) == 0 {
		e.Text = p.pick(generic)
	} else {
		e.Text = p.entryText(item, depth, nkids > 0, last)
	}
	p.ids = append(p.ids, id)
	for c := 1; c <= nkids; c++ {
		e.Children = append(e.Children, p.entry(id, depth+1, c, item, c == nkids))
	}
	return e
}
