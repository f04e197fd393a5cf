-- Early-warning suggestions (预警提示) read two bureau settings: how far back an earlier case of the
-- same person counts, and the words that signal a risk to someone's life or safety.
INSERT INTO settings (key, value) VALUES
  ('warning.repeat_window_days', '30'),
  ('warning.safety_words', '["轻生", "自杀", "自焚", "跳楼", "服毒", "喝农药", "同归于尽", "极端"]')
ON CONFLICT (key) DO NOTHING;
