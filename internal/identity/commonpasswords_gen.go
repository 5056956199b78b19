//go:build ignore

// This program writes common_passwords.txt: well-known leaked passwords plus
// the patterns people build them from (digit runs, keyboard walks, words with
// years and lucky numbers, Vietnamese words and names). Only entries of 8 to
// 128 characters are kept, since shorter ones are refused by length anyway.
// Run it with `go generate ./internal/identity`.
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

var wellKnown = []string{
	"password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
	"12345678", "123456789", "1234567890", "12345678910", "123123123", "987654321", "9876543210", "87654321",
	"11111111", "111111111", "1111111111", "00000000", "000000000", "0000000000", "88888888", "66666666",
	"99999999", "22222222", "33333333", "44444444", "55555555", "77777777", "12341234", "11223344",
	"12121212", "13131313", "14141414", "69696969", "112233445566", "123456123456", "1q2w3e4r", "1q2w3e4r5t",
	"1q2w3e4r5t6y", "1qaz2wsx", "1qaz2wsx3edc", "zaq12wsx", "qwertyui", "qwertyuiop", "qwerty123", "qwerty12",
	"qwerty1234", "qwertyu1", "asdfghjk", "asdfghjkl", "asdf1234", "zxcvbnm1", "zxcvbnm123", "zxcvbnmm",
	"q1w2e3r4", "q1w2e3r4t5", "a1b2c3d4", "abcd1234", "abc12345", "abc123456", "abcdefgh", "abcdefg1",
	"iloveyou", "iloveyou1", "iloveyou2", "iloveu123", "princess", "princess1", "sunshine", "sunshine1",
	"football", "football1", "baseball", "basketball", "welcome1", "welcome123", "superman", "batman123",
	"trustno1", "letmein1", "letmein123", "starwars", "whatever", "computer", "internet", "jennifer",
	"michelle", "jessica1", "charlie1", "sweetheart", "mustang1", "maverick", "chocolate", "butterfly",
	"passport", "samsung1", "iloveyou!", "qwer1234", "1234qwer", "admin123", "admin1234", "administrator",
	"changeme", "changeme1", "default1", "master123", "mypassword", "newpassword", "secret123", "test1234",
	"testtest", "testing1", "letmein!", "shadow12", "dragon12", "monkey12", "football12", "freedom1",
	"starwars1", "liverpool", "chelsea1", "arsenal1", "manchester", "barcelona", "realmadrid", "juventus",
	"pokemon1", "naruto123", "minecraft", "fortnite", "roblox123", "anhyeuem", "anhyeuem1", "anhyeuem123",
	"emyeuanh", "emyeuanh1", "emyeuanh123", "matkhau1", "matkhau123", "matkhau", "123456aa", "123456abc",
	"aaaaaaaa", "aaaaaaa1", "aa123456", "a12345678", "a123456789", "1234567a", "12345qwert", "1234abcd",
	"qazwsxedc", "qazwsx123", "!qaz2wsx", "1qazxsw2", "zaq1xsw2", "asdasdasd", "qweqweqwe", "azertyui",
	"loveyou1", "lovelove", "loveme123", "babygirl", "babygirl1", "iloveyou12", "hellokitty", "hello123",
	"helloworld", "goodluck", "happy123", "godisgood", "jesus123", "blessed1", "michael1", "jordan23",
	"killer12", "hunter12", "ranger12", "buster12", "soccer12", "harley12", "hockey12", "george12",
	"access14", "matrix12", "nicole12", "ashley12", "daniel12", "thomas12", "robert12", "andrew12",
	"google123", "facebook", "facebook1", "yahoo123", "gmail123", "iphone12", "apple123", "microsoft",
	"windows1", "linux123", "oracle123", "postgres", "root1234", "toor1234", "user1234", "guest123",
	"p4ssw0rd", "passw0rd1", "pa55word", "pa55w0rd", "qwerty!@", "!@#$%^&*", "1234!@#$", "!@#$1234",
	"vietnam1", "vietnam123", "hanoi123", "saigon123", "toiyeuvietnam", "vietnamvodich", "yeuem123",
	"yeuanh123", "yeuemnhieu", "yeuemmaimai", "anhyeuemnhieu", "emyeuanhnhieu", "conmeocon", "bongbong1",
	"123456789a", "123456789q", "0123456789", "01234567", "98765432", "147258369", "159753123", "741852963",
	"147852369", "159357456", "123698745", "789456123", "456789123", "321654987", "12344321", "12345654321",
}

var words = []string{
	// English
	"password", "passwd", "pass", "love", "iloveyou", "princess", "sunshine", "football", "baseball",
	"welcome", "qwerty", "monkey", "dragon", "master", "letmein", "shadow", "superman", "batman",
	"michael", "jennifer", "jordan", "hunter", "ranger", "buster", "soccer", "harley", "hockey", "killer",
	"george", "charlie", "andrew", "michelle", "jessica", "pepper", "daniel", "access", "joshua", "maggie",
	"starwars", "silver", "william", "dallas", "yankees", "matthew", "robert", "thomas", "hello", "computer",
	"internet", "samsung", "iphone", "google", "admin", "secret", "freedom", "whatever", "nicole", "ashley",
	"liverpool", "chelsea", "arsenal", "summer", "winter", "spring", "autumn", "flower", "angel", "baby",
	"lover", "money", "family", "friend", "friends", "forever", "happy", "lucky", "tiger", "lion", "eagle",
	"orange", "banana", "apple", "cookie", "chocolate", "purple", "yellow", "green", "black", "white",
	"diamond", "golden", "crystal", "phoenix", "matrix", "ninja", "pokemon", "naruto", "gaming", "player",
	"abc", "abcd", "qwer", "asdf", "zxcv", "test", "guest", "user", "root", "login", "default", "changeme",
	// Vietnamese (without diacritics, as typed on most keyboards)
	"matkhau", "anhyeuem", "emyeuanh", "yeuem", "yeuanh", "toiyeuem", "anhnhoem", "emnhoanh", "vietnam",
	"hanoi", "saigon", "hochiminh", "danang", "haiphong", "cantho", "hue", "nhatrang", "dalat", "vungtau",
	"conmeo", "concho", "conheo", "conga", "convit", "bongbong", "bibi", "bebe", "cucung", "cuncon",
	"hoahong", "hoacuc", "hoalan", "thienthan", "thiensu", "banbe", "giadinh", "hanhphuc", "tinhyeu",
	"muaxuan", "muahe", "muathu", "muadong", "matroi", "mattrang", "ngoisao", "bautroi", "bien", "dongtien",
	"nguyen", "tran", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "duong", "ngo", "ly",
	"minh", "anh", "linh", "trang", "huong", "thao", "ngoc", "lan", "mai", "hung", "dung", "tuan", "nam",
	"long", "duc", "thanh", "hai", "hieu", "quang", "khanh", "phuong", "hoa", "hang", "ha", "thu", "thuy",
	"trung", "son", "hoangyen", "quynh", "nhung", "yen", "vy", "thuong", "giang", "tam", "tien", "loc",
	"phuc", "an", "binh", "cuong", "dat", "hau", "khoa", "kien", "manh", "nhat", "phong", "quan", "tai",
	"thang", "thinh", "toan", "viet", "vinh", "bao", "chau", "diep", "hanh", "hien", "hong", "huyen",
	"lien", "loan", "my", "nga", "nhi", "oanh", "tuyet", "uyen", "van", "xuan",
	"nguyenvan", "nguyenthi", "tranvan", "tranthi", "phamvan", "levan", "lethi", "hoangvan",
}

var suffixes = []string{
	"", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "!", "@", "@123", "!@#",
	"01", "11", "22", "68", "86", "79", "88", "99", "00", "007", "666", "888", "999", "2k", "vn",
	"1990", "1991", "1992", "1993", "1994", "1995", "1996", "1997", "1998", "1999", "2000", "2001",
	"2002", "2003", "2004", "2005", "2006", "2007", "2008", "2009", "2010", "2020", "2021", "2022",
	"2023", "2024", "2025", "2026",
}

func main() {
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.ToLower(s)
		if n := len([]rune(s)); n >= 8 && n <= 128 {
			seen[s] = true
		}
	}
	for _, s := range wellKnown {
		add(s)
	}
	for _, w := range words {
		for _, suf := range suffixes {
			add(w + suf)
		}
		add(w + w)
	}
	// Runs of one digit and ascending / descending digit runs of every length.
	for d := '0'; d <= '9'; d++ {
		for n := 8; n <= 16; n++ {
			add(strings.Repeat(string(d), n))
		}
	}
	digits := "012345678901234567890123"
	for start := 0; start < 10; start++ {
		for n := 8; n <= 12; n++ {
			add(digits[start : start+n])
			add(reverse(digits[start : start+n]))
		}
	}
	// Keyboard walks.
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "qazwsxedcrfv", "1qaz2wsx3edc4rfv"} {
		for n := 8; n <= len(row); n++ {
			add(row[:n])
			add(row[:n] + "1")
			add(row[:n] + "123")
		}
	}
	// Dates people use: ddmmyyyy and yyyymmdd for the first day of each month of common birth years.
	for y := 1960; y <= 2010; y++ {
		for _, dm := range []string{"0101", "0102", "0103", "0104", "0105", "0106", "0107", "0108", "0109", "0110", "0111", "0112"} {
			add(fmt.Sprintf("%s%d", dm, y))
		}
	}
	list := make([]string, 0, len(seen))
	for s := range seen {
		list = append(list, s)
	}
	sort.Strings(list)
	f, err := os.Create("common_passwords.txt")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := bufio.NewWriter(f)
	for _, s := range list {
		fmt.Fprintln(w, s)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(len(list), "common passwords")
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
