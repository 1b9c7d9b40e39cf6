package align

import (
	"reflect"
	"testing"
)

func TestInOrder(t *testing.T) {
	for _, tc := range []struct {
		name  string
		score [][]float64
		want  [][2]int
	}{
		{"diagonal", [][]float64{{1, -1}, {-1, 1}}, [][2]int{{1, 1}, {0, 0}}},
		{"one inserted", [][]float64{{1, 0.1, -1}, {-1, -1, 1}}, [][2]int{{1, 2}, {0, 0}}},
		{"crossing refused, heavier kept", [][]float64{{-1, 2}, {1, -1}}, [][2]int{{0, 1}}},
		{"all forbidden", [][]float64{{-1, -1}}, nil},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, c := len(tc.score), 0
			if r > 0 {
				c = len(tc.score[0])
			}
			var got [][2]int
			InOrder(r, c, func(a, b int) float64 { return tc.score[a][b] }, func(a, b int, _ float64) {
				got = append(got, [2]int{a, b})
			})
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("InOrder = %v, want %v", got, tc.want)
			}
		})
	}
}
