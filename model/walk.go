package model

// Node is an entry together with its place in the annex.
type Node struct {
	Entry  *Entry // the entry itself
	Item   *Item  // the item it belongs to
	Group  *Group // the group it belongs to
	Parent *Entry // the enclosing entry, nil at the top of a group
	Index  int    // position among its siblings, from 0
}

// Walk calls fn for every entry in document order, parents before children.
// It stops early when fn returns false.
func (a *Annex) Walk(fn func(Node) bool) {
	for i := range a.Items {
		it := &a.Items[i]
		for j := range it.Groups {
			g := &it.Groups[j]
			for k := range g.Entries {
				if !walk(Node{Entry: &g.Entries[k], Item: it, Group: g, Index: k}, fn) {
					return
				}
			}
		}
	}
}

func walk(n Node, fn func(Node) bool) bool {
	if !fn(n) {
		return false
	}
	for i := range n.Entry.Children {
		c := Node{Entry: &n.Entry.Children[i], Item: n.Item, Group: n.Group, Parent: n.Entry, Index: i}
		if !walk(c, fn) {
			return false
		}
	}
	return true
}

// Nodes returns every entry in document order.
func (a *Annex) Nodes() []Node {
	var out []Node
	a.Walk(func(n Node) bool { out = append(out, n); return true })
	return out
}

// Index maps every entry id to its node. Where an id occurs twice the first
// occurrence wins; Validate reports the duplicate.
func (a *Annex) Index() map[string]Node {
	m := make(map[string]Node)
	a.Walk(func(n Node) bool {
		if _, dup := m[n.Entry.ID]; !dup {
			m[n.Entry.ID] = n
		}
		return true
	})
	return m
}

// Find returns the entry with the given id (trailing dot allowed), or nil.
func (a *Annex) Find(id string) *Entry {
	if p, err := ParseID(id); err == nil {
		id = p.String()
	}
	var found *Entry
	a.Walk(func(n Node) bool {
		if n.Entry.ID == id {
			found = n.Entry
			return false
		}
		return true
	})
	return found
}

// Item returns the item with the given number, or nil.
func (a *Annex) Item(number int) *Item {
	for i := range a.Items {
		if a.Items[i].Number == number {
			return &a.Items[i]
		}
	}
	return nil
}

// Group returns the group with the given letter, or nil.
func (it *Item) Group(letter string) *Group {
	for i := range it.Groups {
		if it.Groups[i].Letter == letter {
			return &it.Groups[i]
		}
	}
	return nil
}

// CountEntries returns the number of entries at every level.
func (a *Annex) CountEntries() int {
	n := 0
	a.Walk(func(Node) bool { n++; return true })
	return n
}
