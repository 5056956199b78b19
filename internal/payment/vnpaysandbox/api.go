package vnpaysandbox

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/dvcportal/dvcportal/internal/payment/provider"
	"github.com/dvcportal/dvcportal/internal/payment/vnpay"
	"github.com/dvcportal/dvcportal/internal/vntime"
)

// api is VNPAY's merchant API (one URL, the command in vnp_Command): querydr
// and refund, each a signed JSON request answered with a signed JSON answer.
func (s *Sandbox) api(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, nil)
		return
	}
	req, err := vnpay.DecodeFlat(raw)
	if err != nil {
		s.answer(w, vnpay.QueryResponseFields, map[string]string{"vnp_ResponseCode": vnpay.APIBadFormat, "vnp_Message": "Invalid request format"})
		return
	}
	switch req["vnp_Command"] {
	case "querydr":
		s.querydr(w, req)
	case "refund":
		s.refund(w, req)
	default:
		s.answer(w, vnpay.QueryResponseFields, map[string]string{"vnp_Command": req["vnp_Command"], "vnp_ResponseCode": vnpay.APIBadFormat, "vnp_Message": "Unknown vnp_Command"})
	}
}

// answer signs and writes an API answer.
func (s *Sandbox) answer(w http.ResponseWriter, fields []string, a map[string]string) {
	if a["vnp_ResponseId"] == "" {
		a["vnp_ResponseId"] = randomID()
	}
	if a["vnp_TmnCode"] == "" {
		a["vnp_TmnCode"] = s.cfg.TmnCode
	}
	delete(a, vnpay.ParamSecureHash)
	a[vnpay.ParamSecureHash] = vnpay.PipeSign(s.cfg.HashSecret, fields, a)
	writeJSON(w, http.StatusOK, a)
}

// checkRequest checks what querydr and refund share; it returns a response
// code other than "" when the request is refused.
func (s *Sandbox) checkRequest(req map[string]string, fields []string) (string, string) {
	if !vnpay.PipeVerify(s.cfg.HashSecret, fields, req) {
		return vnpay.APIBadChecksum, "Invalid checksum"
	}
	if req["vnp_TmnCode"] != s.cfg.TmnCode {
		return vnpay.APIBadMerchant, "Merchant is not valid"
	}
	if req["vnp_Version"] != vnpay.Version || req["vnp_RequestId"] == "" || len(req["vnp_RequestId"]) > 32 ||
		req["vnp_TxnRef"] == "" || req["vnp_IpAddr"] == "" || req["vnp_OrderInfo"] == "" {
		return vnpay.APIBadFormat, "Invalid request format"
	}
	for _, f := range []string{"vnp_TransactionDate", "vnp_CreateDate"} {
		if _, err := vnpay.ParseTime(req[f]); err != nil {
			return vnpay.APIBadFormat, "Invalid " + f
		}
	}
	return "", ""
}

// querydr tells the truth about a transaction, whatever IPN fault was in force.
// vnp_TransactionDate is checked for format only (real VNPAY also finds the
// transaction by it: pass the CreatedAt given to Create).
func (s *Sandbox) querydr(w http.ResponseWriter, req map[string]string) {
	a := map[string]string{"vnp_Command": "querydr", "vnp_TxnRef": req["vnp_TxnRef"]}
	if code, msg := s.checkRequest(req, vnpay.QueryRequestFields); code != "" {
		a["vnp_ResponseCode"], a["vnp_Message"] = code, msg
		s.answer(w, vnpay.QueryResponseFields, a)
		return
	}
	s.mu.Lock()
	dup := s.queryReqs[req["vnp_RequestId"]]
	s.queryReqs[req["vnp_RequestId"]] = true
	t, ok := s.txns[req["vnp_TxnRef"]]
	var snap txn
	if ok {
		snap = *t
	}
	s.mu.Unlock()
	switch {
	case dup:
		a["vnp_ResponseCode"], a["vnp_Message"] = vnpay.APIDuplicateRequest, "Duplicate request"
	case !ok:
		a["vnp_ResponseCode"], a["vnp_Message"] = vnpay.APINotFound, "Transaction not found"
	default:
		a["vnp_ResponseCode"], a["vnp_Message"] = vnpay.APIOK, "QueryDR Success"
		a["vnp_Amount"] = vnpay.FormatAmount(snap.amount)
		a["vnp_OrderInfo"] = snap.orderInfo
		a["vnp_TransactionType"] = "01"
		a["vnp_TransactionStatus"] = snap.status
		a["vnp_PromotionCode"], a["vnp_PromotionAmount"] = "", ""
		if snap.status == vnpay.StatusPending {
			a["vnp_TransactionNo"] = "0"
		} else {
			a["vnp_TransactionNo"] = snap.transactionNo
			a["vnp_BankCode"] = snap.bankCode
			a["vnp_PayDate"] = vnpay.FormatTime(snap.payDate)
		}
	}
	s.answer(w, vnpay.QueryResponseFields, a)
}

// refund refunds part (03) or the rest (02) of a successful transaction,
// guarded by the amount still available. The same vnp_RequestId with the same
// transaction, type and amount is answered again as the first time (a retried
// request refunds once); with anything else it is 94.
func (s *Sandbox) refund(w http.ResponseWriter, req map[string]string) {
	a := map[string]string{"vnp_Command": "refund", "vnp_TxnRef": req["vnp_TxnRef"], "vnp_Amount": req["vnp_Amount"],
		"vnp_TransactionType": req["vnp_TransactionType"]}
	refuse := func(code, msg string) {
		a["vnp_ResponseCode"], a["vnp_Message"] = code, msg
		s.answer(w, vnpay.RefundResponseFields, a)
	}
	if code, msg := s.checkRequest(req, vnpay.RefundRequestFields); code != "" {
		refuse(code, msg)
		return
	}
	kind := req["vnp_TransactionType"]
	amount, err := vnpay.ParseAmount(req["vnp_Amount"])
	if (kind != vnpay.RefundFull && kind != vnpay.RefundPartial) || err != nil || strings.TrimSpace(req["vnp_CreateBy"]) == "" {
		refuse(vnpay.APIBadFormat, "Invalid request format")
		return
	}

	s.mu.Lock()
	if prev, ok := s.refundReqs[req["vnp_RequestId"]]; ok {
		s.mu.Unlock()
		if prev.txnRef == req["vnp_TxnRef"] && prev.kind == kind && prev.amount == amount {
			s.answer(w, vnpay.RefundResponseFields, copyMap(prev.answer))
			return
		}
		refuse(vnpay.APIDuplicateRequest, "Duplicate request")
		return
	}
	t, ok := s.txns[req["vnp_TxnRef"]]
	var code, msg string
	switch {
	case !ok:
		code, msg = vnpay.APINotFound, "Transaction not found"
	case req["vnp_TransactionNo"] != "" && req["vnp_TransactionNo"] != "0" && req["vnp_TransactionNo"] != t.transactionNo:
		code, msg = vnpay.APINotFound, "Transaction not found"
	case t.status != vnpay.StatusSuccess:
		code, msg = vnpay.APINotSuccessful, "Transaction was not successful"
	case amount <= 0 || amount > t.amount-t.refunded:
		code, msg = vnpay.APIInvalidAmount, "Refund amount exceeds the amount available"
	case kind == vnpay.RefundFull && amount != t.amount-t.refunded:
		code, msg = vnpay.APIInvalidAmount, "A full refund must refund the whole amount available"
	}
	if code != "" {
		s.mu.Unlock()
		refuse(code, msg)
		return
	}
	now := s.now()
	rf := &refund{requestID: req["vnp_RequestId"], txnRef: t.ref, kind: kind, amount: amount, transactionNo: s.nextTransactionNo(), at: now}
	t.refunded += amount
	a["vnp_ResponseCode"], a["vnp_Message"] = vnpay.APIOK, "Refund success"
	a["vnp_ResponseId"] = randomID()
	a["vnp_TmnCode"] = s.cfg.TmnCode
	a["vnp_OrderInfo"] = req["vnp_OrderInfo"]
	a["vnp_BankCode"] = t.bankCode
	a["vnp_PayDate"] = vnpay.FormatTime(now)
	a["vnp_TransactionNo"] = rf.transactionNo
	a["vnp_TransactionStatus"] = vnpay.StatusSuccess
	rf.answer = copyMap(a)
	s.refunds = append(s.refunds, rf)
	s.refundReqs[rf.requestID] = rf
	s.mu.Unlock()
	s.answer(w, vnpay.RefundResponseFields, a)
}

// Available is what is left to refund of a transaction (VND), false if the
// sandbox has no such successful transaction.
func (s *Sandbox) Available(txnRef string) (int64, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.txns[txnRef]
	if !ok || t.status != vnpay.StatusSuccess {
		return 0, false
	}
	return t.amount - t.refunded, true
}

// settlement is the day's settlement file: successful payments and refunds
// whose time falls on date (Asia/Ho_Chi_Minh), in time order.
func (s *Sandbox) settlement(w http.ResponseWriter, r *http.Request) {
	day, err := time.ParseInLocation("2006-01-02", r.URL.Query().Get("date"), vntime.Location)
	if err != nil {
		http.Error(w, "date must be YYYY-MM-DD", http.StatusBadRequest)
		return
	}
	lines := s.SettlementLines(day)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="vnpay-settlement-`+day.Format("2006-01-02")+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	_ = vnpay.WriteSettlement(w, s.cfg.TmnCode, lines)
}

// SettlementLines are the settlement file's lines of day (its date in
// Asia/Ho_Chi_Minh).
func (s *Sandbox) SettlementLines(day time.Time) []provider.SettlementLine {
	from := vntime.Midnight(vntime.DateOf(day))
	to := from.AddDate(0, 0, 1)
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	var lines []provider.SettlementLine
	s.mu.Lock()
	for _, t := range s.txns {
		if t.status == vnpay.StatusSuccess && in(t.payDate) {
			lines = append(lines, provider.SettlementLine{TxnRef: t.ref, ProviderTxnID: t.transactionNo, Amount: t.amount, Kind: vnpay.SettlementPayment, At: t.payDate})
		}
	}
	for _, rf := range s.refunds {
		if in(rf.at) {
			lines = append(lines, provider.SettlementLine{TxnRef: rf.txnRef, ProviderTxnID: rf.transactionNo, Amount: rf.amount, Kind: vnpay.SettlementRefund, At: rf.at})
		}
	}
	s.mu.Unlock()
	sort.SliceStable(lines, func(i, j int) bool {
		if !lines[i].At.Equal(lines[j].At) {
			return lines[i].At.Before(lines[j].At)
		}
		return lines[i].ProviderTxnID < lines[j].ProviderTxnID
	})
	return lines
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func randomID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
