-- The categories a county meets that the starting taxonomy lacked, following the national petition
-- content classification (生态环境, 市场监管与消费维权, 卫生健康, 交通运输, 民政, 应急与安全生产, 金融),
-- and the leaves missing under existing parents. Existing rows are kept as they are (an administrator
-- may have renamed them): only codes not yet present are added.
INSERT INTO categories (code, name_zh, name_en, sort)
SELECT v.code, v.name_zh, v.name_en, v.sort
  FROM (VALUES
    ('environment', '生态环境', 'Ecology and environment', 140),
    ('market', '市场监管与消费维权', 'Market regulation and consumer rights', 150),
    ('health', '卫生健康', 'Health', 160),
    ('transport', '交通运输', 'Transport', 170),
    ('civil', '民政', 'Civil affairs', 180),
    ('safety', '应急与安全生产', 'Emergencies and work safety', 190),
    ('finance', '金融', 'Finance', 200)
  ) AS v(code, name_zh, name_en, sort)
 WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.code = v.code);

INSERT INTO categories (parent_id, code, name_zh, name_en, sort)
SELECT p.id, v.code, v.name_zh, v.name_en, v.sort
  FROM (VALUES
    ('construction', 'construction.utilities', '水电气暖', 'Water, power, gas and heating', 64),
    ('education', 'education.fees', '教育收费', 'School fees', 102),
    ('education', 'education.teachers', '教师待遇', 'Teachers'' pay and conditions', 103),
    ('security', 'security.household', '户籍管理', 'Household registration', 112),
    ('conduct', 'conduct.corruption', '贪污腐败', 'Corruption of officials', 132),
    ('environment', 'environment.pollution', '环境污染', 'Pollution', 141),
    ('environment', 'environment.noise', '噪声扰民', 'Noise nuisance', 142),
    ('environment', 'environment.ecology', '生态破坏', 'Damage to ecology (sand mining, logging, filling lakes)', 143),
    ('market', 'market.consumer', '消费维权', 'Consumer rights (refunds, prepaid cards, fakes)', 151),
    ('market', 'market.food_drug', '食品药品安全', 'Food and drug safety', 152),
    ('market', 'market.pricing', '价格收费', 'Prices and charges', 153),
    ('health', 'health.medical_dispute', '医疗纠纷', 'Medical disputes', 161),
    ('health', 'health.public_health', '公共卫生', 'Public health (epidemic control, clinics)', 162),
    ('transport', 'transport.roads', '道路交通设施', 'Roads and traffic facilities', 171),
    ('transport', 'transport.passenger', '客运出租', 'Buses, taxis and school routes', 172),
    ('civil', 'civil.assistance', '低保救助', 'Minimum living allowance and relief', 181),
    ('civil', 'civil.elderly', '养老服务', 'Care for the elderly', 182),
    ('civil', 'civil.funeral', '殡葬管理', 'Funerals and burials', 183),
    ('safety', 'safety.production', '安全生产', 'Work safety', 191),
    ('safety', 'safety.disaster', '防灾减灾救灾', 'Disaster prevention and relief', 192),
    ('finance', 'finance.banking', '银行保险服务', 'Banking and insurance services', 201),
    ('finance', 'finance.investment', '投资理财', 'Investment products (not fund-raising)', 202)
  ) AS v(parent_code, code, name_zh, name_en, sort)
  JOIN categories p ON p.code = v.parent_code
 WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.code = v.code);
