package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// province is the part of the administrative units file the generator uses.
type province struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	NameEn     string `json:"nameEn"`
	FullName   string `json:"fullName"`
	FullNameEn string `json:"fullNameEn"`
	Wards      []struct {
		Code     string `json:"code"`
		FullName string `json:"fullName"`
	} `json:"wards"`
}

func readProvinces(path string) ([]province, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read units file: %w", err)
	}
	var ps []province
	if err := json.Unmarshal(b, &ps); err != nil {
		return nil, fmt.Errorf("decode units file %s: %w", path, err)
	}
	if len(ps) != 34 {
		return nil, fmt.Errorf("units file %s: %d provinces, want 34", path, len(ps))
	}
	for _, p := range ps {
		if len(p.Wards) == 0 {
			return nil, fmt.Errorf("units file %s: province %s has no wards", path, p.Code)
		}
	}
	return ps, nil
}
