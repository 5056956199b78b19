package main

// personasFile is the personas file format of contract/running.md.
type personasFile struct {
	Persons []person `json:"persons"`
}

type person struct {
	IDNumber            string  `json:"idNumber"`
	FullName            string  `json:"fullName"`
	DateOfBirth         string  `json:"dateOfBirth"`
	Gender              string  `json:"gender"`
	Phone               string  `json:"phone"`
	SocialInsuranceCode string  `json:"socialInsuranceCode"`
	Address             address `json:"address"`
	HealthInsuranceCard *card   `json:"healthInsuranceCard,omitempty"`
}

type address struct {
	ProvinceCode string `json:"provinceCode"`
	WardCode     string `json:"wardCode"`
	Street       string `json:"street"`
}

type card struct {
	Number           string `json:"number"`
	ValidFrom        string `json:"validFrom"`
	ValidTo          string `json:"validTo"`
	RegisteredClinic string `json:"registeredClinic"`
}
