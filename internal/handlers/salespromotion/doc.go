// Package salespromotion is the built-in handler "salespromotion" of sales
// promotions (Decree 81/2018/NĐ-CP as amended by Decree 128/2024/NĐ-CP),
// submitted by a citizen for an enterprise they legally represent:
//
//   - registration of a promotion of chance, routed by its area: one
//     province → SALES-PROMOTION-REGISTRATION-<province> (that province's
//     Department of Industry and Trade), two or more →
//     SALES-PROMOTION-REGISTRATION (the Ministry); processed in the
//     catalogue's working days;
//   - notification, one application to each province's department
//     (SALES-PROMOTION-NOTIFICATION-<province>), COMPLETED at once, at least
//     the catalogue's noticeLeadWorkingDays before the start (TOO_LATE).
//
// The thresholds are the versions' form parameters, not code. It owns no
// tables.
package salespromotion
