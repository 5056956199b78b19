package graph

import (
	"github.com/dvcportal/dvcportal/graph/model"
	"github.com/dvcportal/dvcportal/internal/geo"
	"github.com/dvcportal/dvcportal/internal/i18n"
)

func provinceModel(p geo.Province, lang i18n.Lang) *model.Province {
	wards := make([]*model.Ward, len(p.Wards))
	for i, w := range p.Wards {
		wards[i] = &model.Ward{Code: w.Code, Name: w.LocalName(lang)}
	}
	return &model.Province{Code: p.Code, Name: p.LocalName(lang), Wards: wards}
}
