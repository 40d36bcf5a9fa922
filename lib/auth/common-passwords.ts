// The most common passwords from public breach corpora (lower-cased); rejected at sign-up and password change.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456", "123456789", "12345678", "password", "qwerty123", "qwerty1", "111111", "12345", "secret",
  "123123", "1234567890", "1234567", "000000", "qwerty", "abc123", "password1", "iloveyou", "11111111",
  "dragon", "monkey", "123321", "654321", "666666", "888888", "88888888", "5201314", "1qaz2wsx", "qwertyuiop",
  "a123456", "a12345678", "123qwe", "zxcvbnm", "asdfghjkl", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "passw0rd",
  "p@ssw0rd", "p@ssword", "password123", "password12", "admin", "admin123", "administrator", "welcome",
  "welcome1", "letmein", "football", "baseball", "sunshine", "princess", "starwars", "whatever", "trustno1",
  "superman", "batman", "charlie", "michael", "shadow", "master", "jennifer", "hello123", "freedom",
  "qazwsx", "qazwsxedc", "1qazxsw2", "aa123456", "aa12345678", "woaini1314", "woaini", "wang1234",
  "abcd1234", "abcdefg", "abcdefgh", "abcd123456", "changeme", "opsmix", "opsmix123", "test1234",
  "testtest", "iloveyou1", "987654321", "147258369", "159753", "112233", "121212", "7758521",
  "computer", "internet", "google", "baidu123", "asd123456", "zxc123456", "qq123456", "a1234567",
  "12341234", "11223344", "00000000", "99999999", "55555555", "66666666", "12121212", "11112222",
]);
