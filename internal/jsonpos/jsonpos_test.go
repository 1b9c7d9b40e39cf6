package jsonpos

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		data      string
		line, col int
		ok        bool
	}{
		{"{\n \"a\": }", 2, 8, true},
		{`{"a": "x"}`, 1, 10, true}, // type error: a string where a number belongs
		{"[1,\n2,\n", 3, 1, true},   // unexpected end
	}
	for _, tt := range tests {
		var v struct{ A int }
		err := json.Unmarshal([]byte(tt.data), &v)
		line, col, ok := Of([]byte(tt.data), err)
		if line != tt.line || col != tt.col || ok != tt.ok {
			t.Errorf("Of(%q, %v) = %d, %d, %v, want %d, %d, %v", tt.data, err, line, col, ok, tt.line, tt.col, tt.ok)
		}
	}
	if _, _, ok := Of([]byte("x"), errors.New("other")); ok {
		t.Errorf("Of(other error) ok = true, want false")
	}
}
