package diff

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeRoundTrip(t *testing.T) {
	want := Compare(loadAnnex(t, "sample-2023.truth.json"), loadAnnex(t, "sample-2024.truth.json"))
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("Marshal(Decode(Marshal(r))) differs from Marshal(r)")
	}
	if !reflect.DeepEqual(got.Summary, want.Summary) || len(got.Changes) != len(want.Changes) {
		t.Errorf("Decode: summary %+v with %d changes, want %+v with %d", got.Summary, len(got.Changes), want.Summary, len(want.Changes))
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ data, msg string }{
		{`{"schema": "annex/1"}`, `not an annex-diff/1 document: schema is "annex/1"`},
		{`{"changes": []}`, `not an annex-diff/1 document: no "schema" field`},
		{`{"schema": "annex-diff/1", "changes": [{"kind": "moved"}]}`, `not an annex-diff/1 document: change 1 has kind "moved"`},
		{"{\n\"schema\": }", "invalid JSON: line 2, column 12"},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("Decode(%s) error = %v, want prefix %q", tt.data, err, tt.msg)
		}
		if strings.HasPrefix(tt.msg, "not an") && !errors.Is(err, ErrNotDiff) {
			t.Errorf("Decode(%s) error = %v, want it to wrap ErrNotDiff", tt.data, err)
		}
	}
}
