-- A staff member's work phone (issue 16): imported with the users, edited on the user screen,
-- shown to administrators and on the duty roster. A mobile number (11 digits) or a landline with
-- its area code (0571-88886666, an extension after a second hyphen); NULL: none given.
ALTER TABLE users
  ADD COLUMN phone text CHECK (
    phone IS NULL OR phone ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8}(-[0-9]{1,6})?)$'
  );
