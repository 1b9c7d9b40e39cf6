package gen

import (
	"encoding/json"
	"os"

	"github.com/annex-tools/annex/model"
)

func jsonFile(path string) (*model.Annex, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var a model.Annex
	return &a, json.Unmarshal(b, &a)
}
