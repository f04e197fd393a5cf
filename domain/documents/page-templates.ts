/**
 * Texts the bureau publishes rather than issues on a case, edited like the case documents
 * (document_templates) and shown as they are: no placeholders. The portal's privacy notice is the
 * first; the consent box of the submit form links to it.
 */
export const PAGE_TEMPLATES = {
  privacy_notice: {
    title: "个人信息保护告知书",
    forPetitioner: true,
    placeholders: [],
    body: `为依法办理您提出的信访事项，依照《中华人民共和国个人信息保护法》《信访工作条例》，本机关在您通过网上信访提交信访事项前告知如下：

一、收集哪些个人信息
姓名、公民身份号码、联系电话、住址，您在信访事项中写明的事实和诉求，以及您上传的附件。

二、为什么收集
仅用于登记、受理、交办、答复和督查督办您的信访事项，核实您的身份，向您告知办理进展和出具书面意见，以及依法进行的统计分析（统计不含可识别您身份的信息）。不用于其他目的，不用于商业用途。

三、谁能看到
本机关及依法承办、协办您信访事项的单位中经授权的工作人员，按照“谁办理、谁可见”的原则查看；身份证号和电话在系统中加密保存，界面上默认打码显示，查看完整号码会留下审计记录。检举控告类信访事项对被检举控告的单位和人员保密。除法律、行政法规另有规定外，不向任何单位和个人公开或提供。

四、保存多长时间
按照信访档案管理的有关规定保存，保存期满后依规删除或者匿名化处理。

五、您的权利
依照个人信息保护法，您有权查阅、复制您的个人信息，有权要求更正、补充不准确或者不完整的信息，有权在法定情形下要求删除，有权要求本机关对个人信息处理规则作出解释说明。您可以凭信访事项编号和查询码查询办理情况，也可以向本机关信访接待场所或者来信地址提出上述请求。

六、不同意的后果
提交网上信访须同意本告知书。您不同意的，可以通过来信、来访等其他渠道提出信访事项。`,
  },
} as const satisfies Record<
  string,
  { title: string; forPetitioner: boolean; placeholders: readonly string[]; body: string }
>;

export type PageTemplateKind = keyof typeof PAGE_TEMPLATES;
