package diff

import (
	"fmt"
	"reflect"
	"testing"
)

func TestMeasures(t *testing.T) {
	type m struct {
		text  string
		value float64
		unit  string
		bound Bound
	}
	tests := []struct {
		in   string
		want []m
	}{
		{"rated at more than 90 kN", []m{{"90 kN", 90, "kN", Lower}}},
		{"a total impulse capacity equal to or greater than 1.1 × 10⁶ Ns", []m{{"1.1 × 10⁶ Ns", 1.1e6, "Ns", Lower}}},
		{"a total impulse of 1.1 x 10^6 Ns or more", []m{{"1.1 x 10^6 Ns", 1.1e6, "Ns", Lower}}},
		{"3.33 percent or less of the range", []m{{"3.33 percent", 3.33, "percent", Upper}}},
		{"exceeding 1,200 K", []m{{"1,200 K", 1200, "K", Lower}}},
		{"a payload of at least 500 kg to a range of at least 300 km.", []m{{"500 kg", 500, "kg", Lower}, {"300 km", 300, "km", Lower}}},
		{"greater than 10 g rms between 20 Hz and 2 kHz", []m{{"10 g rms", 10, "g rms", Lower}, {"20 Hz", 20, "Hz", Lower}, {"2 kHz", 2, "kHz", Upper}}},
		{"rotor speeds of up to 8,000 rpm;", []m{{"8,000 rpm", 8000, "rpm", Upper}}},
		{"a fuel consumption of less than 0.15 kg N⁻¹ h⁻¹", []m{{"0.15 kg N⁻¹ h⁻¹", 0.15, "kg N^-1 h^-1", Upper}}},
		{"diameters between 12 mm and 50 mm", []m{{"12 mm", 12, "mm", Lower}, {"50 mm", 50, "mm", Upper}}},
		{"diameters between 12 and 50 mm", []m{{"12", 12, "mm", Lower}, {"50 mm", 50, "mm", Upper}}},
		{"flow rates equal to or greater than 24 litres per minute", []m{{"24 litres per minute", 24, "liter per minute", Lower}}},
		{"a bulk density of at least 1.72 g/cm³ measured at 288 K (15 °C)", []m{{"1.72 g/cm³", 1.72, "g/cm^3", Lower}, {"288 K", 288, "K", Unbounded}, {"15 °C", 15, "°C", Unbounded}}},
		{"a grain size of 100 µm or less", []m{{"100 µm", 100, "µm", Upper}}},
		{"not exceeding 5 s", []m{{"5 s", 5, "s", Upper}}},
		{"not less than 5 s", []m{{"5 s", 5, "s", Lower}}},
		// Not quantities: ids, CAS numbers, standards, plain counts.
		{"specified in 2.A.1.b. or 19.A.1.", nil},
		{"Tetramethylhydrazine (CAS 6415-12-9);", nil},
		{"ISO 492 Tolerance Class 2", nil},
		{"Note 1 below 2.A.1.", nil},
		{"having 3 axes", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []m
			for _, x := range Measures(tt.in) {
				got = append(got, m{x.Text, x.Value, x.Unit, x.Bound})
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Measures(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuantities(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Quantity
	}{
		{"lower bound lowered widens", "rated at more than 90 kN", "rated at more than 80 kN",
			[]Quantity{{"90 kN", "80 kN", Wider}}},
		{"lower bound raised narrows", "at least 500 kg", "at least 600 kg",
			[]Quantity{{"500 kg", "600 kg", Narrower}}},
		{"upper bound raised widens", "3.33 percent or less", "5 percent or less",
			[]Quantity{{"3.33 percent", "5 percent", Wider}}},
		{"upper bound lowered narrows", "less than 100 ms", "less than 50 ms",
			[]Quantity{{"100 ms", "50 ms", Narrower}}},
		{"unclear comparator", "measured at 293 K", "measured at 300 K",
			[]Quantity{{"293 K", "300 K", ""}}},
		{"comparator changed", "more than 10 kN", "less than 20 kN",
			[]Quantity{{"10 kN", "20 kN", ""}}},
		{"unchanged quantities are not listed", "at least 500 kg to at least 300 km", "at least 500 kg to at least 250 km",
			[]Quantity{{"300 km", "250 km", Wider}}},
		{"same value printed differently", "exceeding 1,200 K", "exceeding 1200 K", nil},
		{"power of ten", "1.1 × 10⁶ Ns or more", "1.2 × 10⁶ Ns or more",
			[]Quantity{{"1.1 × 10⁶ Ns", "1.2 × 10⁶ Ns", Narrower}}},
		{"inserted quantity of the same unit is not paired", "between 20 Hz and 2 kHz", "at 10 Hz, between 20 Hz and 2 kHz", nil},
		{"values change in place", "at 10 Hz, between 20 Hz and 2 kHz", "at 15 Hz, between 25 Hz and 2 kHz",
			[]Quantity{{"10 Hz", "15 Hz", ""}, {"20 Hz", "25 Hz", Narrower}}},
		{"range widened", "between 12 mm and 50 mm", "between 10 mm and 60 mm",
			[]Quantity{{"12 mm", "10 mm", Wider}, {"50 mm", "60 mm", Wider}}},
		{"unit changed is not paired", "500 kg", "500 lb", nil},
		{"spelling of unit", "24 litres per minute or more", "20 liters per minute or more",
			[]Quantity{{"24 litres per minute", "20 liters per minute", Wider}}},
		{"no quantities", "Specially designed components", "Specially designed parts", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Quantities(tt.old, tt.new)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Quantities(%q, %q) = %+v, want %+v", tt.old, tt.new, got, tt.want)
			}
		})
	}
}
