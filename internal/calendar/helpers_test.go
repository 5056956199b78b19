package calendar_test

import "github.com/dvcportal/dvcportal/internal/catalogue"

func unit(s string) catalogue.TimeUnit { return catalogue.TimeUnit(s) }
