package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// province and ward are the parts of the administrative units file the
// generator uses.
type province struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	FullName string `json:"fullName"`
	Wards    []ward `json:"wards"`
}

type ward struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	FullName string `json:"fullName"`
}

func readUnits(path string) ([]province, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read units file: %w", err)
	}
	var ps []province
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("decode units file %s: %w", path, err)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("units file %s: no provinces", path)
	}
	for _, p := range ps {
		if len(p.Wards) == 0 {
			return nil, fmt.Errorf("units file %s: province %s has no wards", path, p.Code)
		}
	}
	return ps, nil
}
