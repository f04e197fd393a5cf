-- The starting category taxonomy, from the problems the seed report names (劳资纠纷, 征地拆迁,
-- 企业改制, 民间借贷, 涉法涉诉, 城乡建设, 退役军人, 采矿塌陷 …). Admins edit it afterwards.
INSERT INTO categories (code, name_zh, name_en, sort) VALUES
  ('labor', '劳资纠纷', 'Labour disputes', 10),
  ('land', '征地拆迁', 'Land requisition and demolition', 20),
  ('enterprise', '企业改制', 'Enterprise restructuring', 30),
  ('lending', '民间借贷', 'Private lending and illegal fund-raising', 40),
  ('legal', '涉法涉诉', 'Matters in or for the courts', 50),
  ('construction', '城乡建设', 'Urban and rural construction', 60),
  ('veterans', '退役军人', 'Veterans', 70),
  ('mining', '采矿塌陷', 'Mining subsidence', 80),
  ('rural', '农村农业', 'Rural affairs and agriculture', 90),
  ('education', '教育', 'Education', 100),
  ('security', '社会治安', 'Public security', 110),
  ('social', '社会保障', 'Social security', 120),
  ('conduct', '干部作风', 'Conduct of officials', 130),
  ('other', '其他', 'Other', 999);

INSERT INTO categories (parent_id, code, name_zh, name_en, sort)
SELECT p.id, v.code, v.name_zh, v.name_en, v.sort
  FROM (VALUES
    ('labor', 'labor.wage_arrears', '拖欠农民工工资', 'Unpaid migrant workers'' wages', 11),
    ('labor', 'labor.project_payment', '拖欠工程款', 'Unpaid construction contract money', 12),
    ('labor', 'labor.contract', '劳动合同', 'Labour contracts', 13),
    ('land', 'land.compensation', '征地补偿', 'Compensation for requisitioned land', 21),
    ('land', 'land.demolition', '房屋拆迁', 'House demolition', 22),
    ('land', 'land.distribution', '补偿款分配', 'Distribution of compensation in the village', 23),
    ('enterprise', 'enterprise.staff', '改制职工安置', 'Placement of staff after restructuring', 31),
    ('lending', 'lending.illegal_funding', '非法集资', 'Illegal fund-raising', 41),
    ('lending', 'lending.private_loans', '民间借贷纠纷', 'Private loan disputes', 42),
    ('legal', 'legal.litigation', '诉讼类', 'Litigation matters', 51),
    ('legal', 'legal.enforcement', '执行难', 'Enforcement of judgments', 52),
    ('construction', 'construction.housing_quality', '房屋质量', 'Housing quality', 61),
    ('construction', 'construction.daylight', '规划与采光', 'Planning and daylight', 62),
    ('construction', 'construction.property', '物业管理', 'Property management', 63),
    ('veterans', 'veterans.benefits', '退役待遇', 'Veterans'' benefits', 71),
    ('mining', 'mining.subsidence', '采空塌陷', 'Subsidence from mined-out areas', 81),
    ('mining', 'mining.relocation', '搬迁安置', 'Relocation of villagers', 82),
    ('rural', 'rural.subsidy', '惠农资金', 'Farm subsidies', 91),
    ('rural', 'rural.village_affairs', '村务公开', 'Village affairs and accounts', 92),
    ('rural', 'rural.election', '村两委选举', 'Village committee elections', 93),
    ('rural', 'rural.neighbour', '邻里纠纷', 'Neighbour disputes', 94),
    ('education', 'education.enrolment', '入学', 'School enrolment', 101),
    ('security', 'security.public_order', '治安问题', 'Public order', 111),
    ('social', 'social.pension', '养老保险', 'Pensions', 121),
    ('social', 'social.medical', '医疗保障', 'Medical insurance', 122),
    ('conduct', 'conduct.inaction', '不作为乱作为', 'Inaction or misconduct of officials', 131)
  ) AS v(parent_code, code, name_zh, name_en, sort)
  JOIN categories p ON p.code = v.parent_code;
